using System;

namespace Cadenza.Client
{
    /// <summary>Why a subscriber did not get every publication of its channel.</summary>
    public enum CadenzaGapReason
    {
        /// <summary>The consumer fell behind and its buffer was full: the oldest publications were dropped.</summary>
        BufferOverflow,

        /// <summary>
        /// After a disconnect the server could not replay what was missed (history too short, or the stream restarted
        /// with a new epoch). State built from the channel (an order book) must be rebuilt from a fresh snapshot.
        /// </summary>
        Unrecoverable,

        /// <summary>
        /// A publication's payload did not fit the subscription's model (<see cref="CadenzaGapEventArgs.Detail"/> says
        /// how); it was skipped, and the stream goes on with the next one. State built from the channel must be rebuilt.
        /// </summary>
        InvalidPayload,
    }

    /// <summary>A gap in a subscription's stream, raised in stream order: before the first publication after it.</summary>
    public sealed class CadenzaGapEventArgs : EventArgs
    {
        internal CadenzaGapEventArgs(string channel, CadenzaGapReason reason, long? lost, string? detail = null)
        {
            Channel = channel;
            Reason = reason;
            Lost = lost;
            Detail = detail;
        }

        /// <summary>The channel.</summary>
        public string Channel { get; }

        /// <summary>Why there is a gap.</summary>
        public CadenzaGapReason Reason { get; }

        /// <summary>How many publications were lost, when known (always for <see cref="CadenzaGapReason.BufferOverflow"/> and <see cref="CadenzaGapReason.InvalidPayload"/>).</summary>
        public long? Lost { get; }

        /// <summary>For <see cref="CadenzaGapReason.InvalidPayload"/>: which publication, and what did not fit (one line, no payload text).</summary>
        public string? Detail { get; }
    }
}
