using System.Net;
using System.Text;
using RichardSzalay.MockHttp;

namespace Cadenza.Client.Tests.Support;

/// <summary>A MockHttp handler with one canned answer that records every request it sees.</summary>
public sealed class MockServer : IDisposable
{
    public static readonly Uri BaseAddress = new("https://cadenza.test/");

    private readonly MockHttpMessageHandler _handler = new();

    public MockServer(HttpStatusCode status, string body, string mediaType = "application/json", Action<HttpResponseMessage>? configure = null)
    {
        _handler.When("*").Respond(async request =>
        {
            var content = request.Content is null ? null : await request.Content.ReadAsStringAsync();
            Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), request.Content?.Headers.ContentType?.MediaType, content));
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
            configure?.Invoke(response);
            return response;
        });
        Http = new HttpClient(_handler) { BaseAddress = BaseAddress };
        Client = new AuthenticationClient(Http);
    }

    public HttpClient Http { get; }

    public AuthenticationClient Client { get; }

    public List<RecordedRequest> Requests { get; } = [];

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }
}

public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? ContentType, string? Body);
