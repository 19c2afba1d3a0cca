using System.Security.Cryptography;
using Cadenza.Emulator.Realtime.MarketData;

namespace Cadenza.Emulator.Realtime;

/// <summary>
/// One channel's publication stream: an epoch, increasing offsets (the first publication is offset 1), the last
/// publications kept for recovery, and the connections subscribed. Publishing and subscribing take one lock, so
/// a subscriber sees its subscribe reply, then every later publication, in offset order, none twice.
/// </summary>
internal sealed class ChannelStream(ChannelName name, SyntheticFeed feed, int historySize, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Queue<HistoryEntry> _history = new();
    private readonly HashSet<RealtimeConnection> _subscribers = [];
    private string _epoch = NewEpoch();
    private long _offset;

    public ChannelName Name { get; } = name;

    /// <summary>The synthetic data generator for this channel.</summary>
    public SyntheticFeed Feed { get; } = feed;

    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>Appends a publication and sends it to every subscriber; returns its offset.</summary>
    public long Publish(byte[] data)
    {
        lock (_gate)
        {
            var entry = new HistoryEntry(++_offset, time.GetUtcNow().ToUnixTimeMilliseconds(), data);
            _history.Enqueue(entry);
            while (_history.Count > historySize)
            {
                _history.Dequeue();
            }

            if (_subscribers.Count > 0)
            {
                var push = ReplyWriter.Publication(Name.Name, entry);
                foreach (var subscriber in _subscribers)
                {
                    subscriber.Send(push);
                }
            }

            return entry.Offset;
        }
    }

    /// <summary>
    /// Adds <paramref name="connection"/> and sends it the subscribe reply. With <paramref name="recover"/>, the reply
    /// carries every publication after <paramref name="offset"/> when the epoch matches and history still holds them
    /// (<c>recovered: true</c>), or none and <c>recovered: false</c> when it cannot.
    /// </summary>
    public void Subscribe(RealtimeConnection connection, uint commandId, bool recover, long offset, string? epoch)
    {
        lock (_gate)
        {
            var recovered = false;
            IReadOnlyList<HistoryEntry> publications = [];
            if (recover && string.Equals(epoch, _epoch, StringComparison.Ordinal) && offset <= _offset)
            {
                var oldest = _history.Count > 0 ? _history.Peek().Offset : _offset + 1;
                if (offset + 1 >= oldest)
                {
                    recovered = true;
                    publications = _history.Where(p => p.Offset > offset).ToList();
                }
            }

            _subscribers.Add(connection);
            connection.Send(ReplyWriter.Subscribe(commandId, _epoch, _offset, recovered, publications));
        }
    }

    public void Unsubscribe(RealtimeConnection connection)
    {
        lock (_gate)
        {
            _subscribers.Remove(connection);
        }
    }

    /// <summary>The history after <paramref name="sinceOffset"/> (all of it when null), oldest first, at most <paramref name="limit"/>.</summary>
    public byte[] History(uint commandId, long? sinceOffset, string? sinceEpoch, int limit, bool reverse)
    {
        lock (_gate)
        {
            if (sinceOffset is not null && !string.Equals(sinceEpoch, _epoch, StringComparison.Ordinal))
            {
                return ReplyWriter.Error(commandId, new ProtocolError(112, "unrecoverable position"));
            }

            IEnumerable<HistoryEntry> entries = _history.Where(p => p.Offset > (sinceOffset ?? 0));
            entries = reverse ? entries.Reverse() : entries;
            return ReplyWriter.History(commandId, _epoch, _offset, (limit > 0 ? entries.Take(limit) : entries).ToList());
        }
    }

    /// <summary>
    /// Starts a new stream: a new epoch, offsets from zero, no history (as after a server restart). Subscribers
    /// that reconnect and ask to recover are told they cannot. Returns the connections subscribed now.
    /// </summary>
    public IReadOnlyList<RealtimeConnection> Reset()
    {
        lock (_gate)
        {
            _epoch = NewEpoch();
            _offset = 0;
            _history.Clear();
            return [.. _subscribers];
        }
    }

    private static string NewEpoch() => Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
}
