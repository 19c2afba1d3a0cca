using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Cadenza.Client.Realtime.Protocol;

namespace Cadenza.Client.Realtime
{
    /// <summary>
    /// Commands awaiting their reply, by id. A reply's handler runs on the reading thread, in stream order (a
    /// subscribe result is handled before the publications that follow it); when the connection ends, every
    /// handler still waiting gets the failure instead.
    /// </summary>
    internal sealed class PendingCalls
    {
        private readonly object _gate = new object();
        private readonly Dictionary<uint, Action<Reply?, Exception?>> _handlers = new Dictionary<uint, Action<Reply?, Exception?>>();
        private Exception? _closed;
        private uint _lastId;

        /// <summary>A new command id with its handler; the handler gets the failure at once when the connection has ended.</summary>
        public uint Register(Action<Reply?, Exception?> handler)
        {
            Exception? closed;
            lock (_gate)
            {
                closed = _closed;
                if (closed is null)
                {
                    var id = ++_lastId;
                    _handlers.Add(id, handler);
                    return id;
                }
            }

            handler(null, closed);
            return 0;
        }

        /// <summary>A new command id whose reply (or failure) completes <paramref name="reply"/>.</summary>
        public uint Register(TaskCompletionSource<Reply> reply) =>
            Register((r, error) => _ = error is null ? reply.TrySetResult(r!) : reply.TrySetException(error));

        /// <summary>Hands the reply to its handler; false when no command waits for this id.</summary>
        public bool Complete(Reply reply)
        {
            Action<Reply?, Exception?>? handler;
            lock (_gate)
            {
                if (!_handlers.TryGetValue(reply.Id, out handler))
                {
                    return false;
                }

                _handlers.Remove(reply.Id);
            }

            handler(reply, null);
            return true;
        }

        /// <summary>Forgets a command whose caller stopped waiting.</summary>
        public void Forget(uint id)
        {
            lock (_gate)
            {
                _handlers.Remove(id);
            }
        }

        public void FailAll(Exception error)
        {
            List<Action<Reply?, Exception?>> handlers;
            lock (_gate)
            {
                _closed ??= error;
                handlers = new List<Action<Reply?, Exception?>>(_handlers.Values);
                _handlers.Clear();
            }

            foreach (var handler in handlers)
            {
                handler(null, error);
            }
        }
    }
}
