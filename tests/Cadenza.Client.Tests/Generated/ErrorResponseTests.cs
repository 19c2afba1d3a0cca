using System.Net;
using Cadenza.Client.Tests.Support;

namespace Cadenza.Client.Tests.Generated;

public class ErrorResponseTests
{
    private static IEnumerable<TestCaseData> ErrorCases() => Operation.ErrorCases();

    [TestCaseSource(nameof(ErrorCases))]
    public void Every_documented_error_status_becomes_a_CadenzaApiException_with_the_envelope_fields(Operation op, int status)
    {
        var errno = 10000 + status;
        using var server = new MockServer((HttpStatusCode)status, Bodies.Error(errno, "Something went wrong", code: "CODE_" + status, requestId: "req-" + status),
            configure: r => { if (status == 429) r.Headers.Add("Retry-After", "30"); });

        var ex = Assert.ThrowsAsync(Is.InstanceOf<CadenzaApiException>(), () => op.Invoke(server.Client, CancellationToken.None)) as CadenzaApiException;

        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo(status));
            Assert.That(ex.Errno, Is.EqualTo(errno));
            Assert.That(ex.Error, Is.EqualTo("Something went wrong"));
            Assert.That(ex.ErrorCode, Is.EqualTo("CODE_" + status));
            Assert.That(ex.RequestId, Is.EqualTo("req-" + status));
            Assert.That(ex.Details!.TenantId, Is.EqualTo("t-1"));
            Assert.That(ex.IsRateLimited, Is.EqualTo(status == 429));
            Assert.That(ex.RetryAfter, Is.EqualTo(status == 429 ? TimeSpan.FromSeconds(30) : (TimeSpan?)null));
            Assert.That(ex.ResponseExcerpt, Is.Null, "an envelope needs no excerpt");
            Assert.That(ex.Message, Does.Not.Contain("\n"));
            Assert.That(ex.Message, Does.Contain($"HTTP {status}").And.Contain($"errno {errno}").And.Contain("Something went wrong")
                .And.Contain("code CODE_" + status).And.Contain("request_id req-" + status));
        });
    }

    [Test]
    public void The_429_message_names_the_retry_delay()
    {
        using var server = new MockServer(HttpStatusCode.TooManyRequests, Bodies.Error(10429, "Rate limit exceeded", data: "\"Too many requests\""),
            configure: r => r.Headers.Add("Retry-After", "17"));

        var ex = Assert.ThrowsAsync<CadenzaApiException>(() => server.Client.AuthLoginAsync(new AuthLoginRequest { Email = "a@example.com", Password = "pw" }));

        Assert.That(ex!.Message, Does.EndWith("retry after 17 s"));
    }

    [Test]
    public void Retry_after_as_an_http_date_is_measured_from_the_response_date()
    {
        using var server = new MockServer(HttpStatusCode.TooManyRequests, Bodies.Error(10429, "Rate limit exceeded"), configure: r =>
        {
            r.Headers.Date = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
            r.Headers.TryAddWithoutValidation("Retry-After", "Fri, 27 Nov 2026 12:02:00 GMT");
        });

        var ex = Assert.ThrowsAsync<CadenzaApiException>(() => server.Client.AuthRecoverAsync(new AuthRecoverRequest { Email = "a@example.com" }));

        Assert.That(ex!.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(2)));
    }

    [Test]
    public void An_undocumented_status_with_an_envelope_still_gives_its_fields()
    {
        using var server = new MockServer(HttpStatusCode.Forbidden, Bodies.Error(10403, "Access denied", code: "ACCESS_DENIED"));

        var ex = Assert.ThrowsAsync<CadenzaApiException>(() => server.Client.AuthGetUserAsync());

        Assert.That(ex!.StatusCode, Is.EqualTo(403));
        Assert.That(ex.Errno, Is.EqualTo(10403));
        Assert.That(ex.ErrorCode, Is.EqualTo("ACCESS_DENIED"));
    }
}
