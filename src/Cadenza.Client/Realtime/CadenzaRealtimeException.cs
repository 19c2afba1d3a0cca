using System;

namespace Cadenza.Client
{
    /// <summary>
    /// A failure on the Cadenza WebSocket API: an error reply to a command (Centrifugo's codes: 102 unknown channel,
    /// 104 method not found, 107 bad request, …), a disconnect the client may not recover from (codes 3500-3999),
    /// an RPC without a reply in time, or a connection lost while a reply was awaited.
    /// </summary>
    public class CadenzaRealtimeException : CadenzaApiException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="message">A one-line description, free of secrets.</param>
        /// <param name="code">The server's error or disconnect code; 0 when the failure is the client's own (timeout, lost connection).</param>
        /// <param name="isTemporary">Whether trying again may succeed.</param>
        /// <param name="innerException">The cause, if any.</param>
        public CadenzaRealtimeException(string message, int code, bool isTemporary, Exception? innerException = null)
            : base(message, 0, innerException)
        {
            Code = code;
            IsTemporary = isTemporary;
        }

        /// <summary>The server's error code (100-199) or disconnect code (3000-4999); 0 for a failure on the client's side.</summary>
        public int Code { get; }

        /// <summary>Whether trying again may succeed (the server said so, or the failure was a timeout or a lost connection).</summary>
        public bool IsTemporary { get; }
    }
}
