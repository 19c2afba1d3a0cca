namespace Cadenza.Client.Tests.Paging;

/// <summary>The page walk against scripted servers: offset and cursor paging, where they stop, and servers that would loop.</summary>
public class PageWalkTests
{
    [TestCase(0, 10, ExpectedResult = 1, Description = "empty: one request, one empty page")]
    [TestCase(1, 10, ExpectedResult = 1, Description = "one item: the short page ends it")]
    [TestCase(10, 10, ExpectedResult = 2, Description = "exactly full: one more request finds nothing")]
    [TestCase(95, 10, ExpectedResult = 10, Description = "many pages")]
    public async Task<int> Offset_paging_returns_every_item_once_in_order(int total, int pageSize)
    {
        var server = new OffsetServer(total);

        var items = await Walk(server.Pageable(pageSize)).ToListAsync();

        Assert.That(items, Is.EqualTo(Enumerable.Range(0, total)));
        Assert.That(server.Requests.Select(r => r.Offset), Is.EqualTo(Enumerable.Range(0, server.Requests.Count).Select(i => (int?)(i * pageSize))));
        return server.Requests.Count;
    }

    [TestCase(0, ExpectedResult = 1)]
    [TestCase(1, ExpectedResult = 1)]
    [TestCase(10, ExpectedResult = 1, Description = "exactly full: the server's total ends it")]
    [TestCase(95, ExpectedResult = 10)]
    public async Task<int> Offset_paging_stops_at_the_servers_total(int total)
    {
        var server = new OffsetServer(total) { ReportTotal = true };

        Assert.That(await Walk(server.Pageable(10)).ToListAsync(), Is.EqualTo(Enumerable.Range(0, total)));
        return server.Requests.Count;
    }

    [Test]
    public async Task HasNext_is_the_servers_word_over_a_short_page()
    {
        var capped = new OffsetServer(12) { Cap = 5, ReportHasNext = true };
        var stopped = new OffsetServer(100) { ReportHasNext = true, SayNoMoreAfter = 20 };

        Assert.That(await Walk(capped.Pageable(10)).ToListAsync(), Is.EqualTo(Enumerable.Range(0, 12)), "pages of 5 while 10 were asked for");
        Assert.That(await Walk(stopped.Pageable(10)).ToListAsync(), Is.EqualTo(Enumerable.Range(0, 20)), "hasNext: false ends a full page");
    }

    [Test]
    public async Task The_pages_carry_what_the_server_said()
    {
        var server = new OffsetServer(25) { ReportTotal = true, ReportHasNext = true };

        var pages = await Walk(server.Pageable(10).AsPages()).ToListAsync();

        Assert.That(pages.Select(p => (p.Offset, p.Items.Count, p.Total, p.HasNext)), Is.EqualTo(new (long?, int, long?, bool?)[]
        {
            (0, 10, 25, true), (10, 10, 25, true), (20, 5, 25, false),
        }));
    }

    [TestCase(0, ExpectedResult = 1)]
    [TestCase(1, ExpectedResult = 1)]
    [TestCase(10, ExpectedResult = 1, Description = "exactly full: no cursor comes back")]
    [TestCase(95, ExpectedResult = 10)]
    public async Task<int> Cursor_paging_follows_the_cursor_until_there_is_none(int total)
    {
        var server = new CursorServer(total);

        var items = await Walk(server.Pageable(10)).ToListAsync();

        Assert.That(items, Is.EqualTo(Enumerable.Range(0, total)));
        Assert.That(server.Requests.Select(r => r.Cursor), Is.EqualTo(new string?[] { null }.Concat(Enumerable.Range(1, server.Requests.Count - 1).Select(i => "c" + i * 10))));
        Assert.That(server.Requests.Select(r => r.Offset), Is.All.Null, "a cursor-only operation is never sent an offset");
        return server.Requests.Count;
    }

    [Test]
    public async Task An_operation_with_both_pages_by_cursor_and_sends_no_offset_with_it()
    {
        var server = new CursorServer(25);

        var items = await Walk(server.Pageable(10, byOffset: true)).ToListAsync();

        Assert.That(items, Is.EqualTo(Enumerable.Range(0, 25)));
        Assert.That(server.Requests.Select(r => (r.Offset, r.Cursor)), Is.EqualTo(new (int?, string?)[] { (0, null), (null, "c10"), (null, "c20") }));
    }

    [Test]
    public async Task An_operation_with_both_pages_by_offset_when_the_server_gives_no_cursor()
    {
        var server = new OffsetServer(25) { ReportTotal = true };

        Assert.That(await Walk(server.Pageable(10, byCursor: true)).ToListAsync(), Is.EqualTo(Enumerable.Range(0, 25)));
    }

    [Test]
    public async Task A_server_that_repeats_a_cursor_is_stopped_with_a_clear_error_after_the_real_pages()
    {
        var server = new CursorServer(1000) { RepeatCursorAfter = 3 };
        var seen = new List<int>();

        var failure = Assert.ThrowsAsync<CadenzaPagingException>(async () =>
        {
            await foreach (var item in server.Pageable(10))
            {
                seen.Add(item);
            }
        });

        Assert.That(failure!.Message, Is.EqualTo("Paging listThings stopped at page 4: the server returned the cursor of an earlier page again; walking on would never end."));
        Assert.That(seen, Is.EqualTo(Enumerable.Range(0, 40)), "four real pages, then no repeat");
        Assert.That(server.Requests, Has.Count.EqualTo(4));
    }

    [Test]
    public void A_server_that_ignores_offset_is_stopped_before_a_page_comes_twice()
    {
        var silent = new OffsetServer(1000) { IgnoreOffset = true };
        var echoing = new OffsetServer(1000) { IgnoreOffset = true, EchoOffset = true };

        var repeated = Assert.ThrowsAsync<CadenzaPagingException>(async () => await Walk(silent.Pageable(10)).ToListAsync());
        var answered = Assert.ThrowsAsync<CadenzaPagingException>(async () => await Walk(echoing.Pageable(10)).ToListAsync());

        Assert.That(repeated!.Message, Is.EqualTo("Paging listThings stopped at page 2: the server sent the same page as before (it ignores offset); walking on would never end."));
        Assert.That(answered!.Message, Does.Contain("it asked for offset 10 and the server answered for offset 0 (it ignores offset)"));
        Assert.That((silent.Requests.Count, echoing.Requests.Count), Is.EqualTo((2, 2)));
    }

    [Test]
    public async Task Cancelling_mid_walk_stops_it_without_another_request()
    {
        var server = new OffsetServer(1000);
        using var cancellation = new CancellationTokenSource();
        var seen = 0;

        Assert.That(async () =>
        {
            await foreach (var _ in server.Pageable(10).WithCancellation(cancellation.Token))
            {
                if (++seen == 15)
                {
                    cancellation.Cancel();
                }
            }
        }, Throws.InstanceOf<OperationCanceledException>());

        Assert.That((seen, server.Requests.Count), Is.EqualTo((15, 2)), "no further item, no third page");
        await Task.CompletedTask;
    }

    [Test]
    public void The_calls_own_token_cancels_the_walk_too_and_reaches_the_request()
    {
        using var cancellation = new CancellationTokenSource();
        var server = new OffsetServer(1000) { OnRequest = token => { cancellation.Cancel(); token.ThrowIfCancellationRequested(); } };

        Assert.That(async () => await Walk(server.Pageable(10, cancellationToken: cancellation.Token)).ToListAsync(), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void Nothing_is_requested_before_the_enumeration_and_a_bad_page_size_is_refused_at_once()
    {
        var server = new OffsetServer(10);

        _ = server.Pageable(10);

        Assert.That(server.Requests, Is.Empty);
        Assert.That(() => server.Pageable(0), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("at least 1"));
    }

    private static IAsyncEnumerable<T> Walk<T>(IAsyncEnumerable<T> source) => source;
}
