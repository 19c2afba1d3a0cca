namespace Cadenza.Emulator.Realtime;

/// <summary>An error reply to one command (Centrifugo's client error codes); the connection stays open.</summary>
internal readonly record struct ProtocolError(int Code, string Message, bool Temporary = false)
{
    public static readonly ProtocolError Internal = new(100, "internal server error", Temporary: true);
    public static readonly ProtocolError UnknownChannel = new(102, "unknown channel");
    public static readonly ProtocolError PermissionDenied = new(103, "permission denied");
    public static readonly ProtocolError MethodNotFound = new(104, "method not found");
    public static readonly ProtocolError AlreadySubscribed = new(105, "already subscribed");
    public static readonly ProtocolError LimitExceeded = new(106, "limit exceeded");
    public static readonly ProtocolError BadRequest = new(107, "bad request");
    public static readonly ProtocolError NotAvailable = new(108, "not available");
    public static readonly ProtocolError TokenExpired = new(109, "token expired");
}

/// <summary>
/// Why the server closes a connection: the WebSocket close code and reason (Centrifugo's disconnect codes).
/// Codes 3000-3499 ask the client to reconnect; 3500-3999 ask it not to.
/// </summary>
internal sealed record DisconnectReason(int Code, string Reason)
{
    public static readonly DisconnectReason Shutdown = new(3001, "shutdown");
    public static readonly DisconnectReason Expired = new(3005, "connection expired");
    public static readonly DisconnectReason Slow = new(3008, "slow");
    public static readonly DisconnectReason ForceReconnect = new(3011, "force reconnect");
    public static readonly DisconnectReason NoPong = new(3012, "no pong");
    public static readonly DisconnectReason InvalidToken = new(3500, "invalid token");
    public static readonly DisconnectReason BadRequest = new(3501, "bad request");
    public static readonly DisconnectReason MessageTooBig = new(1009, "message size limit exceeded");

    public bool Reconnect => Code is < 3500 or (>= 4000 and < 4500) or >= 5000;
}
