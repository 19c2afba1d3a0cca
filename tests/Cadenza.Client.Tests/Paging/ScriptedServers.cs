namespace Cadenza.Client.Tests.Paging;

/// <summary>A list of the integers 0..total-1 served by offset, with switches for what the server reports or gets wrong.</summary>
internal sealed class OffsetServer(int total)
{
    public List<PageRequest> Requests { get; } = [];

    public bool ReportTotal { get; init; }

    public bool ReportHasNext { get; init; }

    public int? Cap { get; init; }

    public int? SayNoMoreAfter { get; init; }

    public bool IgnoreOffset { get; init; }

    public bool EchoOffset { get; init; }

    public Action<CancellationToken>? OnRequest { get; init; }

    public CadenzaPageable<int> Pageable(int? pageSize, bool byCursor = false, CancellationToken cancellationToken = default) =>
        new("listThings", byOffset: true, byCursor, pageSize, cancellationToken, (request, token) =>
        {
            Requests.Add(request);
            OnRequest?.Invoke(token);
            var offset = IgnoreOffset ? 0 : request.Offset ?? 0;
            var limit = Math.Min(request.Limit ?? 50, Cap ?? int.MaxValue);
            var end = Math.Min(SayNoMoreAfter ?? total, total);
            var items = Enumerable.Range(offset, Math.Max(0, Math.Min(limit, end - offset))).ToList();
            return Task.FromResult(new PageResponse<int>(
                items,
                offset: EchoOffset ? offset : null,
                limit: Cap,
                total: ReportTotal ? total : null,
                cursor: null,
                hasNext: ReportHasNext ? offset + items.Count < end : null));
        });
}

/// <summary>A list of the integers 0..total-1 served by cursor ("c" + the next index); it can repeat a cursor.</summary>
internal sealed class CursorServer(int total)
{
    public List<PageRequest> Requests { get; } = [];

    public int? RepeatCursorAfter { get; init; }

    public CadenzaPageable<int> Pageable(int pageSize, bool byOffset = false) =>
        new("listThings", byOffset, byCursor: true, pageSize, default, (request, _) =>
        {
            Requests.Add(request);
            var start = request.Cursor is null ? 0 : int.Parse(request.Cursor[1..]);
            var items = Enumerable.Range(start, Math.Max(0, Math.Min(pageSize, total - start))).ToList();
            var next = start + items.Count < total ? "c" + (start + items.Count) : null;
            if (RepeatCursorAfter is int repeat && Requests.Count > repeat)
            {
                next = "c" + pageSize;
            }

            return Task.FromResult(new PageResponse<int>(items, null, null, null, next, null));
        });
}
