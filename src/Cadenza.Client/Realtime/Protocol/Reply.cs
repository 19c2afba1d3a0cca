using System.Collections.Generic;

namespace Cadenza.Client.Realtime.Protocol
{
    /// <summary>One line the server sent (the spec's <c>wsReply</c>): a reply to a command (<see cref="Id"/> &gt; 0), a push, or a ping.</summary>
    internal sealed class Reply
    {
        public uint Id { get; set; }

        public ReplyError? Error { get; set; }

        public Push? Push { get; set; }

        public ConnectResult? Connect { get; set; }

        public SubscribeResult? Subscribe { get; set; }

        public RefreshResult? Refresh { get; set; }

        /// <summary>An RPC result's <c>data</c>, as the raw JSON the server sent; null when the reply was not an RPC result.</summary>
        public string? RpcData { get; set; }

        /// <summary>A server ping: no id, no push, nothing else.</summary>
        public bool IsPing => Id == 0 && Push is null && Error is null;
    }

    /// <summary>The spec's <c>wsError</c>.</summary>
    internal sealed class ReplyError
    {
        public int Code { get; set; }

        public string Message { get; set; } = "";

        public bool Temporary { get; set; }
    }

    /// <summary>The spec's <c>wsPush</c>: the parts the client acts on.</summary>
    internal sealed class Push
    {
        public string Channel { get; set; } = "";

        public PublicationData? Publication { get; set; }

        /// <summary>A server-side unsubscribe: code and reason.</summary>
        public ReplyError? Unsubscribe { get; set; }

        /// <summary>A disconnect pushed before the server closes the connection.</summary>
        public ReplyError? Disconnect { get; set; }
    }

    /// <summary>The spec's <c>wsPublication</c>, with <c>data</c> kept as raw JSON.</summary>
    internal sealed class PublicationData
    {
        public long Offset { get; set; }

        public long? Time { get; set; }

        public string Data { get; set; } = "null";

        public Dictionary<string, string>? Tags { get; set; }
    }

    /// <summary>The spec's <c>wsConnectResult</c>: the parts the client acts on.</summary>
    internal sealed class ConnectResult
    {
        public string Client { get; set; } = "";

        public string Version { get; set; } = "";

        public bool Expires { get; set; }

        public long Ttl { get; set; }

        public int Ping { get; set; }

        public bool Pong { get; set; }
    }

    /// <summary>The spec's <c>wsSubscribeResult</c>: the parts the client acts on.</summary>
    internal sealed class SubscribeResult
    {
        public bool Recoverable { get; set; }

        public string? Epoch { get; set; }

        public long Offset { get; set; }

        public bool Recovered { get; set; }

        public List<PublicationData> Publications { get; } = new List<PublicationData>();
    }

    /// <summary>The spec's <c>wsRefreshResult</c>.</summary>
    internal sealed class RefreshResult
    {
        public bool Expires { get; set; }

        public long Ttl { get; set; }
    }
}
