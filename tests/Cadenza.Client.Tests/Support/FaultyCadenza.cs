using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Cadenza.Client.Tests.Support;

/// <summary>
/// A trading server with scripted faults per path: each attempt takes the next fault of its path, if any. Like the real
/// server, submit-order processes a key once: a repeated idempotencyKey (or clientOrderId) gets the first order back.
/// </summary>
public sealed class FaultyCadenza : HttpMessageHandler
{
    public const string Submit = "/api/v3/tradeOrder/submit";
    public const string Cancel = "/api/v3/tradeOrder/cancel";
    public const string List = "/api/v3/tradeOrder/list";
    public const string Login = "/api/v3/auth/login";
    public const string Refresh = "/api/v3/auth/token/refresh";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<Fault>> _faults = new();
    private readonly ConcurrentDictionary<string, string> _ordersByKey = new();
    private int _processed;

    public ConcurrentQueue<(string Path, string? Body)> Attempts { get; } = new();

    /// <summary>Completed when an attempt that hangs (<see cref="Fault.HangAfterProcessing"/>) has been processed.</summary>
    public TaskCompletionSource Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Orders actually placed (a repeated key places none).</summary>
    public int OrdersPlaced => _ordersByKey.Count;

    /// <summary>Requests the server acted on, whatever happened to the response.</summary>
    public int Processed => _processed;

    public Guid OrderFor(string key) => Guid.Parse(_ordersByKey[key]);

    public int AttemptsAt(string path) => Attempts.Count(a => a.Path == path);

    public IEnumerable<string?> SentKeys => Attempts.Where(a => a.Path == Submit).Select(a => (string?)JObject.Parse(a.Body!)["idempotencyKey"]);

    public void Script(string path, params Fault[] faults)
    {
        var queue = _faults.GetOrAdd(path, _ => new ConcurrentQueue<Fault>());
        foreach (var fault in faults)
        {
            queue.Enqueue(fault);
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Attempts.Enqueue((path, body));
        var fault = _faults.TryGetValue(path, out var queue) && queue.TryDequeue(out var next) ? next : null;
        switch (fault?.Kind)
        {
            case FaultKind.Status:
                var failed = Json((HttpStatusCode)fault.Status, Bodies.Error(10000 + fault.Status, "try later", "UNAVAILABLE"));
                if (fault.RetryAfter is TimeSpan delay)
                {
                    failed.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delay);
                }

                return failed;
            case FaultKind.ResetAfterProcessing:
                Process(path, body);
                throw new HttpRequestException("An error occurred while sending the request.", new IOException("Connection reset by peer"));
            case FaultKind.HangAfterProcessing:
                Process(path, body);
                Hanging.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("unreachable");
            default:
                return Process(path, body);
        }
    }

    private HttpResponseMessage Process(string path, string? body)
    {
        Interlocked.Increment(ref _processed);
        switch (path)
        {
            case Login or Refresh:
                return Json(HttpStatusCode.OK, Session);
            case Submit:
                var request = JObject.Parse(body!);
                var key = (string?)request["idempotencyKey"] ?? (string?)request["clientOrderId"] ?? Guid.NewGuid().ToString();
                var orderId = _ordersByKey.GetOrAdd(key, _ => Guid.NewGuid().ToString());
                return Json(HttpStatusCode.OK, Bodies.Envelope("[" + TradeOrder(orderId) + "]"));
            case Cancel:
                return Json(HttpStatusCode.OK, Bodies.Envelope(TradeOrder(Guid.NewGuid().ToString())));
            default:
                return Json(HttpStatusCode.OK, Bodies.Envelope("[]"));
        }
    }

    private static readonly string Session = Bodies.Envelope($$"""
        { "accessToken": "{{FakeCadenza.AccessToken(1)}}", "refreshToken": "{{FakeCadenza.RefreshToken(1)}}", "tokenType": "bearer",
          "expiresIn": 3600, "expiresAt": {{FakeCadenza.Start.AddHours(1).ToUnixTimeSeconds()}}, "user": {{Bodies.UserJson}} }
        """);

    private static string TradeOrder(string orderId) => $$"""
        { "tradeOrderId": "{{orderId}}", "tradingAccountId": "{{Guid.Empty}}", "venue": "BINANCE", "instrumentId": "BINANCE:BTC/USDT",
          "baseAsset": "BTC", "quoteAsset": "USDT", "orderSide": "BUY", "orderType": "LIMIT", "orderQuantityType": "BASE",
          "quantity": "0.01", "executedQuantity": "0", "executedPrice": "0", "executedCost": "0", "fees": [], "status": "CREATED",
          "timeInForce": "GTC", "createdAt": 1767225600000, "updatedAt": 1767225600000 }
        """;

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}

public enum FaultKind
{
    Status,
    ResetAfterProcessing,
    HangAfterProcessing,
}

public sealed record Fault(FaultKind Kind, int Status = 0, TimeSpan? RetryAfter = null)
{
    public static Fault Unavailable(TimeSpan? retryAfter = null) => new(FaultKind.Status, 503, retryAfter);

    public static Fault TooManyRequests(TimeSpan retryAfter) => new(FaultKind.Status, 429, retryAfter);

    public static readonly Fault ResetAfterProcessing = new(FaultKind.ResetAfterProcessing);

    public static readonly Fault HangAfterProcessing = new(FaultKind.HangAfterProcessing);
}
