using System;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace Cadenza.Client.Realtime
{
    /// <summary>
    /// One subscriber's bounded queue of publications (many writers, one reader). When full, the oldest publication
    /// is dropped and the drop is remembered on the one that is now oldest, so the reader learns of a gap exactly
    /// where it is in the stream. Gaps the server reports (unrecoverable) are remembered the same way.
    /// </summary>
    internal sealed class SubscriberBuffer : IValueTaskSource<bool>
    {
        private readonly object _gate = new object();
        private readonly Entry[] _ring;
        private ManualResetValueTaskSourceCore<bool> _waiter = new ManualResetValueTaskSourceCore<bool> { RunContinuationsAsynchronously = true };
        private CancellationTokenRegistration _cancellation;
        private Gap _pending;
        private int _head;
        private int _count;
        private bool _waiting;
        private bool _completed;
        private Exception? _error;
        private long _dropped;

        public SubscriberBuffer(int capacity)
        {
            _ring = new Entry[capacity];
        }

        /// <summary>Publications dropped because the reader was behind, since the start.</summary>
        public long Dropped => Interlocked.Read(ref _dropped);

        public void Add(CadenzaPublication publication)
        {
            lock (_gate)
            {
                if (_completed)
                {
                    return;
                }

                if (_count == _ring.Length)
                {
                    DropOldest();
                }

                _ring[(_head + _count++) % _ring.Length] = new Entry(publication, _pending);
                _pending = default;
            }

            Wake();
        }

        /// <summary>Records that publications are missing before the next one added.</summary>
        public void AddUnrecoverableGap()
        {
            lock (_gate)
            {
                _pending.Unrecoverable = true;
            }

            Wake();
        }

        /// <summary>Ends the stream once the reader has taken what is queued; with an error, the reader then gets it.</summary>
        public void Complete(Exception? error = null)
        {
            lock (_gate)
            {
                if (_completed)
                {
                    return;
                }

                _completed = true;
                _error = error;
            }

            Wake();
        }

        /// <summary>The next publication, or a gap alone when nothing follows it yet; false when there is nothing now.</summary>
        public bool TryRead(out CadenzaPublication? publication, out Gap gap, out Exception? error, out bool ended)
        {
            lock (_gate)
            {
                publication = null;
                gap = default;
                error = null;
                ended = false;
                if (_count > 0)
                {
                    var entry = _ring[_head];
                    _ring[_head] = default;
                    _head = (_head + 1) % _ring.Length;
                    _count--;
                    publication = entry.Publication;
                    gap = entry.Before;
                    return true;
                }

                if (_pending.Any)
                {
                    gap = _pending;
                    _pending = default;
                    return true;
                }

                if (_completed)
                {
                    ended = true;
                    error = _error;
                    return true;
                }

                return false;
            }
        }

        /// <summary>Completes when there is something to read (or the stream ended); one waiter at a time.</summary>
        public ValueTask<bool> WaitAsync(CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (_count > 0 || _pending.Any || _completed)
                {
                    return new ValueTask<bool>(true);
                }

                cancellationToken.ThrowIfCancellationRequested();
                _waiter.Reset();
                _waiting = true;
            }

            _cancellation = cancellationToken.Register(() => Wake(new OperationCanceledException(cancellationToken)));
            return new ValueTask<bool>(this, _waiter.Version);
        }

        bool IValueTaskSource<bool>.GetResult(short token)
        {
            _cancellation.Dispose();
            return _waiter.GetResult(token);
        }

        ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _waiter.GetStatus(token);

        void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _waiter.OnCompleted(continuation, state, token, flags);

        private void DropOldest()
        {
            var dropped = _ring[_head];
            _ring[_head] = default;
            _head = (_head + 1) % _ring.Length;
            _count--;
            Interlocked.Increment(ref _dropped);
            var carried = dropped.Before.Plus(1);
            if (_count > 0)
            {
                ref var oldest = ref _ring[_head];
                oldest = new Entry(oldest.Publication, oldest.Before.Merge(carried));
            }
            else
            {
                _pending = _pending.Merge(carried);
            }
        }

        private void Wake(Exception? error = null)
        {
            lock (_gate)
            {
                if (!_waiting)
                {
                    return;
                }

                _waiting = false;
            }

            if (error is null)
            {
                _waiter.SetResult(true);
            }
            else
            {
                _waiter.SetException(error);
            }
        }

        /// <summary>What is missing before an entry: publications dropped here, and whether the server lost some too.</summary>
        internal struct Gap
        {
            public long Lost;
            public bool Unrecoverable;

            public bool Any => Lost > 0 || Unrecoverable;

            public Gap Plus(long lost) => new Gap { Lost = Lost + lost, Unrecoverable = Unrecoverable };

            public Gap Merge(Gap other) => new Gap { Lost = Lost + other.Lost, Unrecoverable = Unrecoverable || other.Unrecoverable };
        }

        private readonly struct Entry
        {
            public Entry(CadenzaPublication? publication, Gap before)
            {
                Publication = publication;
                Before = before;
            }

            public CadenzaPublication? Publication { get; }

            public Gap Before { get; }
        }
    }
}
