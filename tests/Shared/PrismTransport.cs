namespace Cadenza.Tests.Shared;

/// <summary>
/// A transport to Prism whose every request has a time limit: Prism never answers some malformed bodies, and a test
/// must then fail saying so rather than hang. Derived handlers send through <see cref="SendToPrismAsync"/>.
/// </summary>
internal abstract class PrismTransport(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Sends <paramref name="request"/> on to Prism; a <see cref="TimeoutException"/> when it does not answer in time.</summary>
    protected async Task<HttpResponseMessage> SendToPrismAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            return await base.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Prism did not answer {request.Method} {request.RequestUri} within {RequestTimeout.TotalSeconds:0} s.");
        }
    }
}
