using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Cadenza.Emulator.Tests.Support;

namespace Cadenza.Emulator.Tests;

/// <summary>Bodies the generated client never sends, over plain HTTP: each is a 400 envelope, never a crash or a framework page.</summary>
public class RequestValidationTests : EmulatorTest
{
    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string? body, int expectedStatus)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That((int)response.StatusCode, Is.EqualTo(expectedStatus), json.ToString());
        return json;
    }

    [TestCase("api/v3/auth/signup", "{", "Request body is not valid JSON for this operation")]
    [TestCase("api/v3/auth/signup", "", "Request body is required")]
    [TestCase("api/v3/auth/signup", "null", "Request body must be a JSON object")]
    [TestCase("api/v3/auth/signup", """{"email":"trader@example.com"}""", "password is required")]
    [TestCase("api/v3/auth/signup", """{"Email":"trader@example.com","Password":"correct-horse"}""", "email is required")]
    [TestCase("api/v3/auth/signup", """{"email":"trader@example.com","password":"correct-horse","metadata":"desk"}""", "Request body is not valid JSON for this operation")]
    [TestCase("api/v3/auth/login", """{"email":5,"password":"correct-horse"}""", "Request body is not valid JSON for this operation")]
    [TestCase("api/v3/auth/login", """{"email":"trader@example.com"}""", "password is required")]
    [TestCase("api/v3/auth/token/refresh", "{}", "refreshToken is required")]
    [TestCase("api/v3/auth/token/refresh", """{"refresh_token":"abc"}""", "refreshToken is required")]
    [TestCase("api/v3/auth/recover", "[]", "Request body is not valid JSON for this operation")]
    public async Task A_body_that_is_not_the_operations_request_is_a_400_VALIDATION_FAILED(string path, string body, string error)
    {
        var json = await SendAsync(HttpMethod.Post, path, body, 400);

        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("success").GetBoolean(), Is.False);
            Assert.That(json.GetProperty("errno").GetInt32(), Is.EqualTo(10400));
            Assert.That(json.GetProperty("error").GetString(), Is.EqualTo(error));
            Assert.That(json.GetProperty("details").GetProperty("code").GetString(), Is.EqualTo("VALIDATION_FAILED"));
            Assert.That(json.GetProperty("data").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task A_body_error_never_quotes_the_body()
    {
        var json = await SendAsync(HttpMethod.Post, "api/v3/auth/login", """{"email":"trader@example.com","password":"s3cret-pass""", 400);

        Assert.That(json.ToString(), Does.Not.Contain("s3cret-pass"));
    }

    [Test]
    public async Task Update_user_checks_the_bearer_before_the_body()
    {
        await SendAsync(HttpMethod.Put, "api/v3/auth/user", "not json", 401);

        var session = await SignUpAndLogInAsync();
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        await SendAsync(HttpMethod.Put, "api/v3/auth/user", "not json", 400);
    }

    [Test]
    public async Task Paths_and_methods_outside_the_spec_still_answer_with_an_envelope()
    {
        // Not through the recorder: these statuses are outside the spec by definition.
        using var http = new HttpClient { BaseAddress = Emulator.BaseAddress };

        using var notFound = await http.GetAsync("api/v3/auth/nothing");
        using var wrongMethod = await http.DeleteAsync("api/v3/auth/user");

        Assert.That((int)notFound.StatusCode, Is.EqualTo(404));
        Assert.That(await notFound.Content.ReadAsStringAsync(), Does.Contain("\"errno\":10404").And.Contain("\"code\":\"NOT_FOUND\""));
        Assert.That((int)wrongMethod.StatusCode, Is.EqualTo(405));
        Assert.That(await wrongMethod.Content.ReadAsStringAsync(), Does.Contain("\"errno\":10405").And.Contain("\"code\":\"METHOD_NOT_ALLOWED\""));
    }
}
