using System.Collections.Concurrent;
using Cadenza.Tests.Shared;

namespace Cadenza.Contract.Tests;

/// <summary>
/// Records every exchange with Prism, and the <c>sl-violations</c> header Prism adds when a request does not
/// match the spec. Requests have a time limit: Prism never answers some malformed bodies.
/// </summary>
internal sealed class ViolationRecorder : PrismTransport
{
    private readonly ConcurrentQueue<Exchange> _exchanges = new();

    public ViolationRecorder()
        : base(new SocketsHttpHandler())
    {
    }

    public IReadOnlyCollection<Exchange> Exchanges => _exchanges.ToArray();

    public void Clear() => _exchanges.Clear();

    public IReadOnlyCollection<Exchange> Rejected => _exchanges.Where(e => e.Violations != null).ToArray();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await SendToPrismAsync(request, cancellationToken);

        var violations = response.Headers.TryGetValues("sl-violations", out var values) ? string.Join(" ", values) : null;
        _exchanges.Enqueue(new Exchange(
            request.Method.Method,
            request.RequestUri!.AbsolutePath,
            request.Headers.Authorization?.Scheme,
            (int)response.StatusCode,
            violations));
        return response;
    }

    public sealed record Exchange(string Method, string Path, string? AuthorizationScheme, int Status, string? Violations)
    {
        public override string ToString() =>
            $"{Method} {Path} -> {Status}{(AuthorizationScheme is null ? "" : $" (Authorization: {AuthorizationScheme} …)")}{(Violations is null ? "" : $", sl-violations: {Violations}")}";
    }
}
