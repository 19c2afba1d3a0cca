using System;

namespace Cadenza.Client
{
    /// <summary>A change of <see cref="CadenzaRealtime.State"/>, with why the connection was lost when it was.</summary>
    public sealed class CadenzaRealtimeStateChangedEventArgs : EventArgs
    {
        internal CadenzaRealtimeStateChangedEventArgs(CadenzaRealtimeState state, int code, string? reason, Exception? error)
        {
            State = state;
            Code = code;
            Reason = reason;
            Error = error;
        }

        /// <summary>The new state.</summary>
        public CadenzaRealtimeState State { get; }

        /// <summary>The server's disconnect code when it closed the connection (e.g. 3005 connection expired); 0 otherwise.</summary>
        public int Code { get; }

        /// <summary>The disconnect reason, when there was one.</summary>
        public string? Reason { get; }

        /// <summary>What ended the connection for good (with <see cref="CadenzaRealtimeState.Closed"/>), or the last failure to connect.</summary>
        public Exception? Error { get; }
    }
}
