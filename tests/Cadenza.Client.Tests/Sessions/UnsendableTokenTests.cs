using Cadenza.Client.Tests.Support;

namespace Cadenza.Client.Tests.Sessions;

/// <summary>
/// The spec's access token is any string. One with CR, LF or NUL made every later call throw HttpClient's raw
/// FormatException ("New-line or NUL characters are not allowed in header values"), one outside ASCII a raw
/// HttpRequestException from the socket handler: the session now refuses such a token when it arrives, with a
/// typed failure that does not quote it.
/// </summary>
public class UnsendableTokenTests
{
    private static readonly string[] Unsendable = ["line\r\nbreak", "line\nbreak", "nul\0char", "tab\tchar", "tökén"];

    [TestCaseSource(nameof(Unsendable))]
    public async Task A_login_answered_with_a_token_no_header_can_carry_fails_typed_and_leaves_the_session_signed_out(string token)
    {
        using var server = new FakeCadenza { ShapeSession = s => s["accessToken"] = token };
        using var session = server.CreateSession();

        var failure = Assert.CatchAsync<CadenzaApiException>(() => session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password))!;

        Assert.Multiple(() =>
        {
            Assert.That(failure.Message, Does.Contain("access token has characters an HTTP header cannot carry"));
            Assert.That(failure.ToString(), Does.Not.Contain(token));
            Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedOut));
        });
        Assert.CatchAsync<CadenzaSessionExpiredException>(() => session.GetUserAsync(), "not signed in, rather than a FormatException as the call is sent");
    }

    [TestCaseSource(nameof(Unsendable))]
    public async Task A_refresh_answered_with_a_token_no_header_can_carry_fails_typed(string token)
    {
        using var server = new FakeCadenza();
        using var session = server.CreateSession();
        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        server.ShapeSession = s => s["accessToken"] = token;
        server.Time.Advance(TimeSpan.FromHours(2));

        var failure = Assert.CatchAsync<CadenzaApiException>(() => session.GetUserAsync())!;

        Assert.That(failure.ToString(), Does.Not.Contain(token));
        Assert.CatchAsync<CadenzaApiException>(() => session.GetUserAsync(), "the next call too: never a FormatException");
    }

    [TestCase("a b c")]
    [TestCase("eyJhbGciOiJIUzI1NiJ9.e30.sig~+/=")]
    public async Task Any_printable_ASCII_token_is_accepted(string token)
    {
        using var server = new FakeCadenza { ShapeSession = s => s["accessToken"] = token };
        using var session = server.CreateSession();

        await session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password);

        Assert.That(await session.GetAccessTokenAsync(), Is.EqualTo(token));
    }
}
