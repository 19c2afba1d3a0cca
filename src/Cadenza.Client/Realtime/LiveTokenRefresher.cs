using System;
using System.Threading;
using System.Threading.Tasks;
using Cadenza.Client.Realtime.Protocol;
using Microsoft.Extensions.Logging;

namespace Cadenza.Client.Realtime
{
    /// <summary>
    /// Keeps a live connection authenticated: sends Centrifugo's <c>refresh</c> with the session's new token whenever
    /// the session refreshes, and before the connection's own token expires (half-way through its ttl, or 30 s
    /// before it ends, whichever is later) asks the session for a fresh one, refreshing it if it is still the old
    /// one. So a connection never drops for an expired token while the session is valid.
    /// </summary>
    internal sealed class LiveTokenRefresher : IDisposable
    {
        private static readonly TimeSpan Lead = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

        private readonly CadenzaSession _session;
        private readonly CadenzaRealtimeOptions _options;
        private readonly ILogger _logger;
        private readonly Func<RealtimeSocket?> _current;
        private readonly Action<Exception> _end;
        private readonly CancellationToken _stopping;
        private readonly SemaphoreSlim _oneAtATime = new SemaphoreSlim(1, 1);
        private readonly object _gate = new object();
        private ITimer? _timer;

        public LiveTokenRefresher(CadenzaSession session, CadenzaRealtimeOptions options, ILogger logger, Func<RealtimeSocket?> current, Action<Exception> end, CancellationToken stopping)
        {
            _session = session;
            _options = options;
            _logger = logger;
            _current = current;
            _end = end;
            _stopping = stopping;
        }

        /// <summary>A connection is up whose token lives <paramref name="ttl"/> more seconds (0: it does not expire).</summary>
        public void Watch(RealtimeSocket socket, long ttl)
        {
            if (ttl > 0)
            {
                var lifetime = TimeSpan.FromSeconds(ttl);
                var lead = lifetime.Ticks / 2 < Lead.Ticks ? TimeSpan.FromTicks(lifetime.Ticks / 2) : Lead;
                Schedule(socket, lifetime - lead);
            }
        }

        public void OnSessionChanged(object? sender, CadenzaSessionChangedEventArgs e)
        {
            if (e.Change == CadenzaSessionChange.TokenRefreshed && _current() is { } socket)
            {
                _ = RefreshAsync(socket, force: false);
            }
            else if (e.Change == CadenzaSessionChange.SignedOut)
            {
                _end(new CadenzaSessionExpiredException("The session signed out, which ends its real-time connection. Log in again."));
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _timer?.Dispose();
                _timer = null;
            }
        }

        private void Schedule(RealtimeSocket socket, TimeSpan due)
        {
            lock (_gate)
            {
                _timer?.Dispose();
                _timer = _options.TimeProvider.CreateTimer(_ => _ = RefreshAsync(socket, force: true), null, due, Timeout.InfiniteTimeSpan);
            }
        }

        private async Task RefreshAsync(RealtimeSocket socket, bool force)
        {
            try
            {
                await _oneAtATime.WaitAsync(_stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                if (_current() != socket)
                {
                    return;
                }

                var token = await _session.GetAccessTokenAsync(_stopping).ConfigureAwait(false);
                if (string.Equals(token, socket.Token, StringComparison.Ordinal))
                {
                    if (!force)
                    {
                        return;
                    }

                    token = (await _session.RefreshAsync(_stopping).ConfigureAwait(false)).AccessToken ?? token;
                }

                using var timeout = Timing.CancelAfter(_options.TimeProvider, _options.ConnectTimeout);
                var reply = await socket.CallAsync(id => CommandWriter.Refresh(id, token), timeout.Token).ConfigureAwait(false);
                if (reply.Error is { } refused)
                {
                    RealtimeLog.RefreshFailed(_logger, $"{refused.Message} ({refused.Code})");
                    if (refused.Temporary || refused.Code < 100 || refused.Code == 109)
                    {
                        Schedule(socket, RetryDelay);
                    }
                    else
                    {
                        socket.Abort("the server refused the refreshed token"); // reconnecting sorts it out, or ends with the session's error
                    }

                    return;
                }

                socket.Token = token;
                var ttl = reply.Refresh?.Expires == true ? reply.Refresh.Ttl : 0;
                RealtimeLog.TokenRefreshed(_logger, ttl);
                Watch(socket, ttl);
            }
            catch (CadenzaSessionExpiredException ex)
            {
                _end(ex);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
            }
#pragma warning disable CA1031 // network, timeout, a 5xx from the refresh endpoint: the token is still valid for a while, try again
            catch (Exception ex)
            {
                RealtimeLog.RefreshFailed(_logger, ex.GetType().Name + ": " + ex.Message);
                Schedule(socket, RetryDelay);
            }
#pragma warning restore CA1031
            finally
            {
                _oneAtATime.Release();
            }
        }
    }
}
