using System.Net;
using Cadenza.Client.Tests.Support;

namespace Cadenza.Client.Tests.Generated;

/// <summary>What proxies and broken servers send: each must become a CadenzaApiException, never a raw JSON or null-reference error.</summary>
public class UnexpectedResponseTests
{
    private static CadenzaApiException Fails(MockServer server, Func<AuthenticationClient, Task> call)
    {
        var thrown = Assert.CatchAsync(() => call(server.Client));
        Assert.That(thrown, Is.InstanceOf<CadenzaApiException>(), () => $"got {thrown?.GetType()}: {thrown?.Message}");
        var ex = (CadenzaApiException)thrown!;
        Assert.That(ex.Message, Does.Not.Contain("\n").And.Not.Contain("\r"));
        return ex;
    }

    [Test]
    public void A_502_with_an_html_body_quotes_a_short_excerpt()
    {
        var html = "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>" + new string('x', 5000) + "</body></html>";
        using var server = new MockServer(HttpStatusCode.BadGateway, html, "text/html");

        var ex = Fails(server, c => c.AuthGetUserAsync());

        Assert.That(ex.StatusCode, Is.EqualTo(502));
        Assert.That(ex.Errno, Is.Null);
        Assert.That(ex.ResponseExcerpt, Does.StartWith("\"<html> <head><title>502 Bad Gateway</title>"));
        Assert.That(ex.ResponseExcerpt!.Length, Is.LessThan(200));
        Assert.That(ex.Message, Does.Contain("HTTP 502").And.Contain("not valid JSON").And.Contain("502 Bad Gateway"));
    }

    [Test]
    public void An_empty_200_body_says_so()
    {
        using var server = new MockServer(HttpStatusCode.OK, "");

        var ex = Fails(server, c => c.AuthGetUserAsync());

        Assert.That(ex.StatusCode, Is.EqualTo(200));
        Assert.That(ex.Message, Does.Contain("HTTP 200").And.Contain("empty body"));
    }

    [Test]
    public void A_truncated_json_body_is_a_CadenzaApiException_with_the_path()
    {
        using var server = new MockServer(HttpStatusCode.OK, Bodies.User[..(Bodies.User.Length / 2)]);

        var ex = Fails(server, c => c.AuthGetUserAsync());

        Assert.That(ex.Message, Does.Contain("not valid JSON at 'data."));
        Assert.That(ex.InnerException, Is.Null, "Newtonsoft's own message may quote a secret value");
    }

    [Test]
    public void A_truncated_login_body_never_shows_the_token_in_the_message()
    {
        var cut = Bodies.Session.IndexOf(Bodies.RefreshToken, StringComparison.Ordinal) + 6;
        using var server = new MockServer(HttpStatusCode.OK, Bodies.Session[..cut]);

        var ex = Fails(server, c => c.AuthLoginAsync(new AuthLoginRequest { Email = "a@example.com", Password = "pw" }));

        Assert.That(ex.ToString(), Does.Not.Contain("eyJhbGciOiJIUzI1NiJ9"));
        Assert.That(ex.ResponseExcerpt, Does.Contain("\"accessToken\": \"***\"").And.Contain("\"refreshToken\": \"***\""),
            "the cut-off refresh token value is masked too");
    }

    [Test]
    public void Json_of_the_wrong_shape_is_a_CadenzaApiException()
    {
        using var server = new MockServer(HttpStatusCode.OK, """{ "success": true, "errno": "zero", "data": [] }""");

        var ex = Fails(server, c => c.AuthGetUserAsync());

        Assert.That(ex.Message, Does.Contain("does not match the spec at 'errno'"));
    }

    [Test]
    public void A_json_body_that_is_not_an_envelope_is_a_CadenzaApiException()
    {
        using var server = new MockServer(HttpStatusCode.OK, "[1, 2, 3]");

        var ex = Fails(server, c => c.AuthLogoutAsync());

        Assert.That(ex.Message, Does.Contain("HTTP 200"));
    }

    [Test]
    public void Success_false_in_a_200_body_is_a_failure_with_the_envelope_fields()
    {
        using var server = new MockServer(HttpStatusCode.OK, Bodies.Error(20001, "Email not confirmed", code: "EMAIL_NOT_CONFIRMED"));

        var ex = Fails(server, c => c.AuthLoginAsync(new AuthLoginRequest { Email = "a@example.com", Password = "pw" }));

        Assert.That(ex.StatusCode, Is.EqualTo(200));
        Assert.That(ex.Errno, Is.EqualTo(20001));
        Assert.That(ex.Error, Is.EqualTo("Email not confirmed"));
        Assert.That(ex.ErrorCode, Is.EqualTo("EMAIL_NOT_CONFIRMED"));
    }

    [Test]
    public void A_server_error_message_spanning_lines_is_folded_onto_one()
    {
        using var server = new MockServer(HttpStatusCode.InternalServerError, Bodies.Error(10500, "line one\\nline two"));

        var ex = Fails(server, c => c.AuthGetUserAsync());

        Assert.That(ex.Message, Does.Contain("line one line two"));
    }

    [TestCase(307, "https://elsewhere.example/login?token=abc", "redirect to https://elsewhere.example not followed")]
    [TestCase(308, "/api/v3/auth/login/", "redirect to a path on the same server not followed")]
    [TestCase(302, null, "redirect to (no Location) not followed")]
    public void A_redirect_says_where_it_pointed_by_origin_only(int status, string? location, string expected)
    {
        using var server = new MockServer((HttpStatusCode)status, "", configure: r =>
        {
            if (location != null)
            {
                r.Headers.Location = new Uri(location, UriKind.RelativeOrAbsolute);
            }
        });

        var ex = Fails(server, c => c.AuthGetUserAsync());

        Assert.That(ex.StatusCode, Is.EqualTo(status));
        Assert.That(ex.Message, Does.Contain(expected).And.Not.Contain("token=abc"));
    }
}
