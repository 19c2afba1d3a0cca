using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Cadenza.Client.Realtime.Protocol;
using Microsoft.Extensions.Logging;

namespace Cadenza.Client.Realtime
{
    /// <summary>
    /// The channels this client subscribes to, each subscribed once on the connection whatever the number of local
    /// subscribers, and fanned out to their buffers. Keeps each channel's stream position, so that on a new connection
    /// the subscribe asks for every publication after it: none lost, none twice (offsets at or below the position are
    /// dropped), and a gap reported when the server cannot recover.
    /// </summary>
    internal sealed class RealtimeChannels
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, ChannelState> _channels = new Dictionary<string, ChannelState>(StringComparer.Ordinal);
        private readonly ILogger _logger;
        private readonly Func<TimeSpan> _retryDelay;
        private readonly TimeProvider _time;
        private RealtimeSocket? _socket;
        private Exception? _ended;

        public RealtimeChannels(ILogger logger, TimeProvider time, Func<TimeSpan> retryDelay)
        {
            _logger = logger;
            _time = time;
            _retryDelay = retryDelay;
        }

        public SubscriberBuffer Attach(string channel, int capacity)
        {
            var buffer = new SubscriberBuffer(capacity);
            lock (_gate)
            {
                if (_ended != null)
                {
                    buffer.Complete(_ended is ObjectDisposedException ? null : _ended);
                    return buffer;
                }

                if (!_channels.TryGetValue(channel, out var state))
                {
                    _channels.Add(channel, state = new ChannelState(channel));
                }

                state.Buffers.Add(buffer);
                if (state.Status == ChannelStatus.Pending && _socket != null)
                {
                    SubscribeLocked(_socket, state);
                }
            }

            return buffer;
        }

        public void Detach(string channel, SubscriberBuffer buffer)
        {
            lock (_gate)
            {
                if (!_channels.TryGetValue(channel, out var state) || !state.Buffers.Remove(buffer) || state.Buffers.Count > 0)
                {
                    return;
                }

                _channels.Remove(channel);
                state.Removed = true;
                if (state.Status == ChannelStatus.Subscribed)
                {
                    _socket?.Call(id => CommandWriter.Unsubscribe(id, channel), (_, _) => { });
                }
            }
        }

        /// <summary>A connection is up: every channel is subscribed on it, recovering from its position.</summary>
        public void Connected(RealtimeSocket socket)
        {
            lock (_gate)
            {
                _socket = socket;
                foreach (var state in _channels.Values.Where(s => s.Status == ChannelStatus.Pending))
                {
                    SubscribeLocked(socket, state);
                }
            }
        }

        /// <summary>The connection is gone: channels wait for the next one, keeping their positions.</summary>
        public void Disconnected(RealtimeSocket socket)
        {
            lock (_gate)
            {
                _socket = _socket == socket ? null : _socket;
                foreach (var state in _channels.Values)
                {
                    state.Status = ChannelStatus.Pending;
                }
            }
        }

        /// <summary>Ends every subscription: normally when <paramref name="error"/> is an <see cref="ObjectDisposedException"/>, with it otherwise.</summary>
        public void End(Exception error)
        {
            List<ChannelState> states;
            lock (_gate)
            {
                _ended ??= error;
                states = _channels.Values.ToList();
                _channels.Clear();
                _socket = null;
            }

            foreach (var buffer in states.SelectMany(s => s.Buffers))
            {
                buffer.Complete(error is ObjectDisposedException ? null : error);
            }
        }

        /// <summary>Handles a push (publication or server-side unsubscribe) on the reading thread.</summary>
        public void OnPush(RealtimeSocket socket, Push push)
        {
            lock (_gate)
            {
                if (!_channels.TryGetValue(push.Channel, out var state) || state.Status != ChannelStatus.Subscribed || _socket != socket)
                {
                    return;
                }

                if (push.Publication is { } publication)
                {
                    Deliver(socket, state, publication);
                }
                else if (push.Unsubscribe is { } unsubscribe)
                {
                    // Codes from 2500 mean "subscribe again" (e.g. insufficient state); lower ones end the subscription.
                    if (unsubscribe.Code >= 2500)
                    {
                        SubscribeLocked(socket, state);
                    }
                    else
                    {
                        Fail(state, new CadenzaRealtimeException($"The server ended the subscription to {state.Name}: {unsubscribe.Message} ({unsubscribe.Code}).", unsubscribe.Code, isTemporary: false));
                    }
                }
            }
        }

        private void SubscribeLocked(RealtimeSocket socket, ChannelState state)
        {
            var recoverFrom = state.RecoverFrom;
            state.Status = ChannelStatus.Subscribing;
            socket.Call(id => CommandWriter.Subscribe(id, state.Name, recoverFrom), (reply, error) => OnSubscribed(socket, state, recoverFrom, reply, error));
        }

        private void OnSubscribed(RealtimeSocket socket, ChannelState state, StreamPosition? recoverFrom, Reply? reply, Exception? error)
        {
            lock (_gate)
            {
                if (error != null || _socket != socket || state.Status != ChannelStatus.Subscribing)
                {
                    return; // the connection ended first: the next one subscribes again
                }

                if (state.Removed)
                {
                    if (reply!.Error is null)
                    {
                        socket.Call(id => CommandWriter.Unsubscribe(id, state.Name), (_, _) => { });
                    }

                    return;
                }

                if (reply!.Error is { } refused)
                {
                    if (refused.Temporary || refused.Code < 100)
                    {
                        state.Status = ChannelStatus.Pending;
                        _ = RetryAsync(socket, state, _retryDelay());
                    }
                    else
                    {
                        Fail(state, new CadenzaRealtimeException($"Subscribing to {state.Name} failed: {refused.Message} ({refused.Code}).", refused.Code, isTemporary: false));
                    }

                    return;
                }

                var result = reply.Subscribe ?? new SubscribeResult();
                if (!state.Subscribed(recoverFrom, result))
                {
                    RealtimeLog.Unrecoverable(_logger, state.Name);
                    state.Buffers.ForEach(buffer => buffer.AddUnrecoverableGap());
                }

                foreach (var publication in result.Publications)
                {
                    Deliver(socket, state, publication);
                }

                state.Offset = Math.Max(state.Offset, result.Offset);
            }
        }

        private static void Deliver(RealtimeSocket socket, ChannelState state, PublicationData publication)
        {
            switch (state.Order(publication.Offset))
            {
                case PublicationOrder.Seen:
                    return; // recovered, then pushed again
                case PublicationOrder.Missing:
                    // Publications went missing on a live connection: reconnect, and recovery fetches them in order.
                    socket.Abort($"publications {state.Offset + 1}-{publication.Offset - 1} of {state.Name} never arrived");
                    return;
            }

            var time = publication.Time is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
            var delivered = new CadenzaPublication(state.Name, publication.Offset, time, publication.Data, publication.Tags);
            foreach (var buffer in state.Buffers)
            {
                buffer.Add(delivered); // a loop, not a lambda: no allocation per publication on the hot path
            }
        }

        private async Task RetryAsync(RealtimeSocket socket, ChannelState state, TimeSpan delay)
        {
            await Timing.DelayAsync(_time, delay, CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                if (_socket == socket && !state.Removed && state.Status == ChannelStatus.Pending)
                {
                    SubscribeLocked(socket, state);
                }
            }
        }

        private void Fail(ChannelState state, Exception error)
        {
            _channels.Remove(state.Name);
            state.Removed = true;
            state.Buffers.ForEach(buffer => buffer.Complete(error));
        }
    }
}
