using System.Collections.Generic;
using Cadenza.Client.Realtime.Protocol;

namespace Cadenza.Client.Realtime
{
    /// <summary>Whether a channel is subscribed on the current connection.</summary>
    internal enum ChannelStatus
    {
        /// <summary>Not yet asked for on the current connection (or there is no connection).</summary>
        Pending,

        /// <summary>A subscribe command awaits its reply.</summary>
        Subscribing,

        /// <summary>Publications are flowing.</summary>
        Subscribed,
    }

    /// <summary>Where a publication falls relative to what a channel has delivered.</summary>
    internal enum PublicationOrder
    {
        /// <summary>The next one (or the channel has no stream positions): deliver it.</summary>
        Next,

        /// <summary>At or before the position: delivered already.</summary>
        Seen,

        /// <summary>Past the next one: some in between never arrived.</summary>
        Missing,
    }

    /// <summary>One channel this client is subscribed to, shared by all its local subscribers: status, stream position, buffers.</summary>
    internal sealed class ChannelState
    {
        public ChannelState(string name)
        {
            Name = name;
        }

        public string Name { get; }

        public ChannelStatus Status { get; set; }

        /// <summary>Set once the last local subscriber left; a late subscribe reply for it is undone.</summary>
        public bool Removed { get; set; }

        public List<SubscriberBuffer> Buffers { get; } = new List<SubscriberBuffer>();

        /// <summary>Whether the server keeps history for the channel, so a reconnect can recover what was missed.</summary>
        public bool Recoverable { get; set; }

        public string? Epoch { get; set; }

        /// <summary>The offset of the last publication delivered (or the stream's top when subscribed).</summary>
        public long Offset { get; set; }

        /// <summary>
        /// Takes a subscribe result: the channel is subscribed, at the server's position unless it recovered from ours.
        /// False when recovery was asked for and refused (history too short, or a new epoch): a gap.
        /// </summary>
        public bool Subscribed(StreamPosition? recoverFrom, SubscribeResult result)
        {
            var resumed = recoverFrom is StreamPosition from && result.Recovered && string.Equals(result.Epoch, from.Epoch, System.StringComparison.Ordinal);
            Status = ChannelStatus.Subscribed;
            Recoverable = result.Recoverable;
            if (!resumed)
            {
                Epoch = result.Epoch;
                Offset = result.Offset;
            }

            return resumed || recoverFrom is null;
        }

        /// <summary>Classifies a publication's offset, moving the position to it when it is the next one.</summary>
        public PublicationOrder Order(long offset)
        {
            if (!Recoverable || offset <= 0)
            {
                return PublicationOrder.Next;
            }

            if (offset <= Offset)
            {
                return PublicationOrder.Seen;
            }

            if (offset > Offset + 1)
            {
                return PublicationOrder.Missing;
            }

            Offset = offset;
            return PublicationOrder.Next;
        }

        /// <summary>Where to recover from on the next subscribe; null before the first successful subscribe.</summary>
        public StreamPosition? RecoverFrom => Recoverable && Epoch != null ? new StreamPosition(Offset, Epoch) : (StreamPosition?)null;
    }
}
