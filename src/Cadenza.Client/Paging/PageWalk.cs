using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;

namespace Cadenza.Client
{
    /// <summary>
    /// Walks a list operation page by page. After each page, in this order: an empty page ends the walk; so does
    /// <c>hasNext: false</c>; a cursor from the server (on an operation that takes one) asks for the next page; else, on
    /// an operation that takes an offset and has not been walking by cursor, the offset moves on by the page's count,
    /// and the walk ends when that reaches <c>total</c> or — when the server says nothing of <c>hasNext</c> — the page
    /// was short of the limit (the server's <c>pagination.limit</c>, else the page size asked for); else it ends.
    /// A server that would make that loop forever is stopped with <see cref="CadenzaPagingException"/>: a cursor seen
    /// before, an offset other than the one asked for, or a page identical to the one before.
    /// </summary>
    internal static class PageWalk
    {
        public static async IAsyncEnumerable<CadenzaPage<T>> Pages<T>(
            string operation,
            bool byOffset,
            bool byCursor,
            int? pageSize,
            CancellationToken callToken,
            Func<PageRequest, CancellationToken, Task<PageResponse<T>>> fetch,
            [EnumeratorCancellation] CancellationToken enumerationToken = default)
        {
            using var linked = callToken.CanBeCanceled && enumerationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(callToken, enumerationToken) : null;
            var cancellationToken = linked?.Token ?? (callToken.CanBeCanceled ? callToken : enumerationToken);

            var request = new PageRequest(pageSize, byOffset ? 0 : (int?)null, null);
            var seenCursors = new HashSet<string>(StringComparer.Ordinal);
            string? previousPage = null;
            for (var number = 1; ; number++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var response = await fetch(request, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();

                if (request.Offset is int asked && response.Offset is long answered && answered != asked)
                {
                    throw Stopped(operation, number, $"it asked for offset {asked} and the server answered for offset {answered} (it ignores offset)");
                }

                if (request.Offset != null && response.Items.Count > 0)
                {
                    // Identical content is the one sign left of a server that ignores offset and says nothing else.
                    var fingerprint = JsonConvert.SerializeObject(response.Items);
                    if (fingerprint == previousPage)
                    {
                        throw Stopped(operation, number, "the server sent the same page as before (it ignores offset)");
                    }

                    previousPage = fingerprint;
                }

                if (response.Items.Count > 0 || number == 1)
                {
                    yield return new CadenzaPage<T>(response.Items, request.Offset, request.Cursor, response.Cursor, response.Total, response.HasNext);
                }

                if (response.Items.Count == 0 || response.HasNext == false)
                {
                    yield break;
                }

                if (byCursor && response.Cursor is string cursor)
                {
                    if (!seenCursors.Add(cursor) || cursor == request.Cursor)
                    {
                        throw Stopped(operation, number, "the server returned the cursor of an earlier page again");
                    }

                    request = new PageRequest(pageSize, null, cursor);
                    continue;
                }

                if (!byOffset || request.Cursor != null)
                {
                    yield break;
                }

                var next = (long)request.Offset!.Value + response.Items.Count;
                var limit = response.Limit ?? pageSize;
                if (next >= response.Total || (response.HasNext is null && response.Items.Count < limit) || next > int.MaxValue)
                {
                    yield break;
                }

                request = new PageRequest(pageSize, (int)next, null);
            }
        }

        private static CadenzaPagingException Stopped(string operation, int page, string why) =>
            new CadenzaPagingException($"Paging {operation} stopped at page {page}: {why}; walking on would never end.");
    }
}
