using Cadenza.Emulator.Tests.Support;

namespace Cadenza.Emulator.Tests;

/// <summary>The checker every other test relies on must itself catch what is wrong and pass what is right.</summary>
public class SpecContractTests
{
    private const string ErrorBody = """{"success":false,"errno":10401,"error":"Invalid token","details":{"code":"INVALID_TOKEN","request_id":"r-1"},"data":null}""";

    private static Task<IReadOnlyList<string>> ValidateAsync(string body, int status = 401, string method = "GET", string path = "/api/v3/auth/user") =>
        SpecContract.ValidateAsync(new RecordedResponse(method, path, status, "application/json", body));

    [Test]
    public async Task A_conforming_error_envelope_passes()
    {
        Assert.That(await ValidateAsync(ErrorBody), Is.Empty);
    }

    [Test]
    public async Task Nullable_fields_may_be_null_as_OpenAPI_3_says()
    {
        var body = """{"success":true,"errno":0,"error":null,"details":null,"data":{"id":"0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b","email":"a@example.com","phone":null,"lastSignInAt":null,"appMetadata":{"tenantId":null}}}""";

        Assert.That(await ValidateAsync(body, 200), Is.Empty);
    }

    [Test]
    public async Task An_errno_sent_as_a_string_is_caught()
    {
        var errors = await ValidateAsync(ErrorBody.Replace("\"errno\":10401", "\"errno\":\"10401\""));

        Assert.That(errors, Has.Some.Contains("errno"));
    }

    [Test]
    public async Task A_missing_required_field_is_caught()
    {
        // Since 2026-05-09 the envelope requires only errno.
        var errors = await ValidateAsync(ErrorBody.Replace("\"errno\":10401,", string.Empty));

        Assert.That(errors, Has.Some.Contains("PropertyRequired"));
    }

    [Test]
    public async Task A_wrongly_typed_nested_field_is_caught()
    {
        var body = """{"success":true,"errno":0,"error":null,"data":{"accessToken":"a","expiresAt":"tomorrow"}}""";

        var errors = await ValidateAsync(body, 200, "POST", "/api/v3/auth/login");

        Assert.That(errors, Has.Some.Contains("expiresAt"));
    }

    [Test]
    public async Task A_status_the_operation_does_not_declare_is_caught()
    {
        var errors = await ValidateAsync(ErrorBody.Replace("10401", "10429"), 429);

        Assert.That(errors, Has.Some.Contains("does not declare HTTP 429"));
    }

    [Test]
    public async Task A_body_that_is_not_JSON_is_caught()
    {
        Assert.That(await ValidateAsync("<html>oops</html>"), Has.Some.Contains("not JSON"));
    }
}
