namespace Cadenza.Client.Realtime.Protocol
{
    /// <summary>Property names: the protocol's own are recognized in the bytes, so reading a reply allocates none of them.</summary>
    internal sealed partial class Utf8JsonScanner
    {
        private static readonly string[] KnownNames =
        {
            "id", "error", "push", "connect", "subscribe", "refresh", "rpc", "code", "message", "reason", "temporary",
            "reconnect", "channel", "pub", "unsubscribe", "disconnect", "data", "offset", "time", "tags", "client",
            "version", "expires", "ttl", "ping", "pong", "recoverable", "epoch", "recovered", "publications",
        };

        /// <summary>A property name: one of the protocol's own names without allocating, any other as a new string.</summary>
        public string ReadName()
        {
            SkipWhitespace();
            var start = _position + 1;
            var close = start;
            while (close < _end && _bytes[close] != '"' && _bytes[close] != '\\')
            {
                close++;
            }

            if (Peek() == '"' && close < _end && _bytes[close] == '"')
            {
                foreach (var known in KnownNames)
                {
                    if (known.Length == close - start && Matches(start, known))
                    {
                        _position = close + 1;
                        return known;
                    }
                }
            }

            return ReadString();
        }

        private bool Matches(int start, string name)
        {
            for (var i = 0; i < name.Length; i++)
            {
                if (_bytes[start + i] != name[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
