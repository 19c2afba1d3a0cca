using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using Cadenza.Client.Tests.Support;

namespace Cadenza.Client.Tests.Sessions;

/// <summary>
/// No task the session starts ends with an exception nobody looks at (which would reach
/// <see cref="TaskScheduler.UnobservedTaskException"/>), whatever happens to a refresh under way.
/// </summary>
[NonParallelizable]
public class UnobservedTaskTests
{
    private static IEnumerable<TestCaseData> Scenarios()
    {
        yield return Case("dispose while an abandoned refresh runs", async (server, session) =>
        {
            server.Time.Advance(TimeSpan.FromHours(2));
            using var impatient = new CancellationTokenSource();
            var waiting = session.GetAccessTokenAsync(impatient.Token);
            await ReactiveRefreshTests.WaitUntil(() => server.RefreshCalls == 1);
            impatient.Cancel();
            await Swallow(waiting);
            session.Dispose();
        });
        yield return Case("dispose while a background refresh runs", async (server, session) =>
        {
            server.Time.Advance(TimeSpan.FromMinutes(59.5));
            await session.GetAccessTokenAsync().WaitAsync(TimeSpan.FromSeconds(30)); // bounded: inside the margin nobody waits
            await ReactiveRefreshTests.WaitUntil(() => server.RefreshCalls == 1);
            session.Dispose();
        });
        yield return Case("dispose while a waited-for refresh runs", async (server, session) =>
        {
            server.Time.Advance(TimeSpan.FromHours(2));
            var waiting = session.GetAccessTokenAsync();
            await ReactiveRefreshTests.WaitUntil(() => server.RefreshCalls == 1);
            session.Dispose();
            server.HoldRefresh!.TrySetResult();
            await Swallow(waiting);
        });
        yield return Case("logout while an abandoned refresh runs", async (server, session) =>
        {
            server.Time.Advance(TimeSpan.FromHours(2));
            using var impatient = new CancellationTokenSource();
            var waiting = session.GetAccessTokenAsync(impatient.Token);
            await ReactiveRefreshTests.WaitUntil(() => server.RefreshCalls == 1);
            impatient.Cancel();
            await Swallow(waiting);
            var logout = session.LogoutAsync(); // its expired token joins the held refresh
            server.HoldRefresh!.TrySetResult();
            await Swallow(logout);
        });
        yield return Case("login while an abandoned refresh runs", async (server, session) =>
        {
            server.Time.Advance(TimeSpan.FromHours(2));
            using var impatient = new CancellationTokenSource();
            var waiting = session.GetAccessTokenAsync(impatient.Token);
            await ReactiveRefreshTests.WaitUntil(() => server.RefreshCalls == 1);
            impatient.Cancel();
            await Swallow(waiting);
            await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        });

        static TestCaseData Case(string name, Func<FakeCadenza, CadenzaSession, Task> scenario) => new TestCaseData(scenario).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(Scenarios))]
    public async Task Nothing_is_left_unobserved(Func<FakeCadenza, CadenzaSession, Task> scenario)
    {
        Collect(); // earlier tests' garbage is not this test's business
        var unobserved = new ConcurrentQueue<Exception>();
        EventHandler<UnobservedTaskExceptionEventArgs> record = (_, e) => unobserved.Enqueue(e.Exception);
        TaskScheduler.UnobservedTaskException += record;
        try
        {
            foreach (var refreshFails in new Action<FakeCadenza>[]
            {
                s => s.RefreshFailure = _ => Task.FromResult(FakeCadenza.Json(HttpStatusCode.OK, Bodies.Envelope("null"))),
                s => s.RefreshFailure = _ => Task.FromResult(FakeCadenza.Json(HttpStatusCode.ServiceUnavailable, "down")),
                s => s.RefreshFailure = _ => Task.FromResult(FakeCadenza.Json(HttpStatusCode.BadRequest, Bodies.Error(10400, "Invalid Refresh Token"))),
                s => s.NetworkFailure = r => FakeCadenza.IsRefresh(r) ? new HttpRequestException("reset") : null,
                s => s.NetworkFailure = r => FakeCadenza.IsRefresh(r) ? new InvalidOperationException("bug") : null,
            })
            {
                await RunAsync(scenario, refreshFails);
            }

            Collect();
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= record;
        }

        Assert.That(unobserved, Is.Empty, () => string.Join("\n---\n", unobserved));
    }

    // Not inlined, so no task of the scenario is still referenced from this frame when the GC runs.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task RunAsync(Func<FakeCadenza, CadenzaSession, Task> scenario, Action<FakeCadenza> refreshFails)
    {
        using var server = new FakeCadenza();
        var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.HoldRefresh = hold;
        server.HoldIgnoresCancellation = true; // the answer was already on its way when the session was disposed
        refreshFails(server);

        await scenario(server, session);
        hold.TrySetResult();
        await Task.Delay(100); // let the released refresh finish on the thread pool (not an assertion)
        session.Dispose();
    }

    private static async Task Swallow(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception)
        {
            // The scenario only cares what happens to the tasks nobody awaits.
        }
    }

    private static void Collect()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }
}
