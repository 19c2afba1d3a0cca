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
    }

    /// <summary>A gap in a subscription's stream, raised in stream order: before the first publication after it.</summary>
    public sealed class CadenzaGapEventArgs : EventArgs
    {
        internal CadenzaGapEventArgs(string channel, CadenzaGapReason reason, long? lost)
        {
            Channel = channel;
            Reason = reason;
            Lost = lost;
        }

        /// <summary>The channel.</summary>
        public string Channel { get; }

        /// <summary>Why there is a gap.</summary>
        public CadenzaGapReason Reason { get; }

        /// <summary>How many publications were lost, when known (always for <see cref="CadenzaGapReason.BufferOverflow"/>).</summary>
        public long? Lost { get; }
    }
}
