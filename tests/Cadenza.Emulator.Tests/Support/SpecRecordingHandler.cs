using System.Collections.Concurrent;

namespace Cadenza.Emulator.Tests.Support;

/// <summary>Sits under the client and keeps every response, so that a test can check them all against the spec.</summary>
public sealed class SpecRecordingHandler() : DelegatingHandler(new HttpClientHandler())
{
    private readonly ConcurrentQueue<RecordedResponse> _responses = new();

    public IReadOnlyCollection<RecordedResponse> Responses => _responses;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        // Buffered, so the client above still reads the whole body.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        _responses.Enqueue(new RecordedResponse(
            request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body));
        return response;
    }

    /// <summary>Fails the test, listing each difference, unless every recorded response conforms to the spec.</summary>
    public async Task AssertAllConformAsync()
    {
        var problems = new List<string>();
        foreach (var response in _responses)
        {
            problems.AddRange(await SpecContract.ValidateAsync(response));
        }

        Assert.That(problems, Is.Empty, "responses that do not conform to openapi/cadenza.yaml:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
    }
}
