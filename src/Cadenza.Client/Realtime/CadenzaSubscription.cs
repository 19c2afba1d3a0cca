using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Cadenza.Client.Realtime;

namespace Cadenza.Client
{
    /// <summary>
    /// A channel's publications as an async stream. Enumerating subscribes (once per connection, however many
    /// readers the channel has); disposing the enumerator unsubscribes. Enumerate it once; call the subscribe method
    /// again for another reader.
    /// </summary>
    /// <typeparam name="T">What each publication is read as.</typeparam>
    /// <remarks>
    /// <para>Across reconnects the stream resumes where it was: nothing lost, nothing twice. When that is not
    /// possible, <see cref="Gap"/> is raised, in stream order, just before the first item after the gap.</para>
    /// <para>A typed subscription reads each payload as the spec's model on the reader's own thread; a payload that
    /// does not fit is skipped and reported by <see cref="Gap"/> (<see cref="CadenzaGapReason.InvalidPayload"/>).</para>
    /// <para>Each reader has a buffer of <see cref="CadenzaRealtimeOptions.SubscriptionBufferCapacity"/> publications.
    /// A reader that falls further behind loses the oldest (counted in <see cref="DroppedCount"/>, reported by
    /// <see cref="Gap"/>): memory stays bounded and a slow reader never holds up the connection.</para>
    /// </remarks>
    public class CadenzaSubscription<T> : IAsyncEnumerable<T>
    {
        private readonly RealtimeChannels? _channels;
        private readonly Func<CadenzaPublication, T> _read;
        private readonly int _capacity;
        private readonly Action _start;
        private SubscriberBuffer? _buffer;
        private int _enumerated;
        private long _gaps;

        internal CadenzaSubscription(RealtimeChannels channels, Action start, string channel, int capacity, Func<CadenzaPublication, T> read)
        {
            _channels = channels;
            _start = start;
            Channel = channel;
            _capacity = capacity;
            _read = read;
        }

        /// <summary>For mocking.</summary>
        protected CadenzaSubscription()
        {
            Channel = "";
            _read = _ => throw new InvalidOperationException("A mocked subscription has no publications.");
            _start = () => { };
        }

        /// <summary>Raised in stream order when publications before the next item are missing. Attach before enumerating.</summary>
        public event EventHandler<CadenzaGapEventArgs>? Gap;

        /// <summary>The channel name.</summary>
        public virtual string Channel { get; }

        /// <summary>Publications dropped because this reader was behind (its buffer was full).</summary>
        public virtual long DroppedCount => _buffer?.Dropped ?? 0;

        /// <summary>Gaps reported by <see cref="Gap"/> so far.</summary>
        public virtual long GapCount => Interlocked.Read(ref _gaps);

        /// <summary>Subscribes and returns the reader of the channel's publications.</summary>
        /// <param name="cancellationToken">Stops waiting for the next publication (the enumeration then throws <see cref="OperationCanceledException"/>).</param>
        /// <returns>The enumerator; dispose it to unsubscribe.</returns>
        public virtual IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _enumerated, 1) == 1 || _channels is null)
            {
                throw new InvalidOperationException($"The subscription to {Channel} is enumerated already: subscribe again for another reader.");
            }

            _buffer = _channels.Attach(Channel, _capacity);
            _start();
            return new Reader(this, _buffer, cancellationToken);
        }

        private void Report(SubscriberBuffer.Gap gap)
        {
            if (gap.Unrecoverable)
            {
                Interlocked.Increment(ref _gaps);
                Gap?.Invoke(this, new CadenzaGapEventArgs(Channel, CadenzaGapReason.Unrecoverable, null));
            }

            if (gap.Lost > 0)
            {
                Interlocked.Increment(ref _gaps);
                Gap?.Invoke(this, new CadenzaGapEventArgs(Channel, CadenzaGapReason.BufferOverflow, gap.Lost));
            }
        }

        // A payload that does not fit the model is skipped and reported: one bad publication must not end a stream that runs for weeks.
        private bool TryRead(CadenzaPublication publication, out T item)
        {
            try
            {
                item = _read(publication);
                return true;
            }
            catch (CadenzaRealtimeException ex)
            {
                item = default!;
                Interlocked.Increment(ref _gaps);
                Gap?.Invoke(this, new CadenzaGapEventArgs(Channel, CadenzaGapReason.InvalidPayload, 1, Redaction.OneLine(ex.Message, 300)));
                return false;
            }
        }

        private sealed class Reader : IAsyncEnumerator<T>
        {
            private readonly CadenzaSubscription<T> _owner;
            private readonly SubscriberBuffer _buffer;
            private readonly CancellationToken _cancellationToken;
            private int _disposed;

            public Reader(CadenzaSubscription<T> owner, SubscriberBuffer buffer, CancellationToken cancellationToken)
            {
                _owner = owner;
                _buffer = buffer;
                _cancellationToken = cancellationToken;
            }

            public T Current { get; private set; } = default!;

            public async ValueTask<bool> MoveNextAsync()
            {
                while (true)
                {
                    if (_buffer.TryRead(out var publication, out var gap, out var error, out var ended))
                    {
                        if (gap.Any)
                        {
                            _owner.Report(gap);
                        }

                        if (publication != null)
                        {
                            if (_owner.TryRead(publication, out var item))
                            {
                                Current = item;
                                return true;
                            }

                            continue;
                        }

                        if (ended)
                        {
                            return error is null ? false : throw error;
                        }

                        continue;
                    }

                    await _buffer.WaitAsync(_cancellationToken).ConfigureAwait(false);
                }
            }

            public ValueTask DisposeAsync()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    _owner._channels!.Detach(_owner.Channel, _buffer);
                    _buffer.Complete();
                }

                return default;
            }
        }
    }
}
