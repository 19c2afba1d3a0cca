using System.Text.Json;
using Cadenza.Emulator.Tokens;

namespace Cadenza.Emulator.Realtime;

/// <summary>Connect and refresh: the token checks, with the codes a Centrifugo server answers them with.</summary>
internal sealed partial class CommandDispatcher
{
    private async Task<bool> ConnectAsync(uint id, JsonElement body)
    {
        var (token, ttl, keepReading) = await CheckTokenAsync(id, Text(body, "token"));
        if (ttl <= 0)
        {
            return keepReading;
        }

        _clientId = Guid.NewGuid().ToString();
        Token = token;
        _hub.Register(_connection);
        _connection.Send(ReplyWriter.Connect(id, _clientId, ServerVersion, ttl, _liveness.PingSeconds, _hub.Time.GetUtcNow().ToUnixTimeMilliseconds()));
        _liveness.StartPings();

        return true;
    }

    private async Task<bool> RefreshAsync(uint id, JsonElement body)
    {
        var (token, ttl, keepReading) = await CheckTokenAsync(id, Text(body, "token"));
        if (ttl <= 0)
        {
            return keepReading;
        }

        Token = token;
        _hub.CountRefresh();
        _connection.Send(ReplyWriter.Refresh(id, _clientId!, ServerVersion, ttl));
        return true;
    }

    // A valid token's ttl (and arms the expiry timer); or ttl 0 after an error reply (keep reading)
    // or after closing the connection for an invalid token (stop reading).
    private async Task<(string Token, long Ttl, bool KeepReading)> CheckTokenAsync(uint id, string? token)
    {
        var check = string.IsNullOrEmpty(token) ? default : await _hub.Tokens.CheckAsync(token);
        var sameUser = _clientId is null || check.UserId == _userId;
        if (string.IsNullOrEmpty(token) || check.Status == TokenStatus.Invalid || !sameUser || !_hub.Sessions.IsActive(check.SessionId))
        {
            return ("", 0, Refuse(DisconnectReason.InvalidToken));
        }

        var now = _hub.Time.GetUtcNow();
        // Whole seconds, as Centrifugo counts: the token's exp less the current Unix second, so a token with any
        // time left has a ttl of at least 1.
        var ttl = check.ExpiresAt.ToUnixTimeSeconds() - now.ToUnixTimeSeconds();
        if (check.Status == TokenStatus.Expired || ttl <= 0 || _hub.IsMarkedExpired(token))
        {
            _connection.Send(ReplyWriter.Error(id, ProtocolError.TokenExpired));
            return ("", 0, true);
        }

        _userId = check.UserId;
        _liveness.ExpireAfter(check.ExpiresAt);
        return (token, ttl, true);
    }
}
