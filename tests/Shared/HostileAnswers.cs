using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cadenza.Tests.Shared;

/// <summary>
/// The transport between a client and Prism in dynamic mode (random, schema-valid answers). It asks Prism for the
/// status <see cref="ChooseStatus"/> picks (<c>Prefer: code=N</c>; Prism answers a status the spec does not declare
/// with a 404 problem document), records every answer so that a failing test can show what it was served, and marks
/// every token Prism serves: a non-empty <c>accessToken</c> or <c>refreshToken</c> gets a unique prefix. Prism's
/// random tokens are lorem-ipsum words that a random error message may contain as well; a marked one is found only
/// where it leaked.
/// </summary>
internal sealed class HostileAnswers : PrismTransport
{
    private const int MarkerLength = 7;   // "tk0001q"
    private static readonly string[] TokenProperties = ["accessToken", "refreshToken", "access_token", "refresh_token"];

    private readonly ConcurrentQueue<Answer> _answers = new();
    private readonly ConcurrentQueue<(string Name, string Value)> _tokens = new();
    private int _marked;

    public HostileAnswers()
        : base(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
    }

    /// <summary>The status to ask Prism for, or null for the one it picks (the operation's first 2xx).</summary>
    public Func<HttpRequestMessage, int?> ChooseStatus { get; set; } = _ => null;

    /// <summary>Every token value served so far, as the client received it (marked).</summary>
    public IReadOnlyCollection<string> Tokens => _tokens.Select(t => t.Value).ToArray();

    public IReadOnlyCollection<Answer> Answers => _answers.ToArray();

    /// <summary>The served tokens (whole, or their marker) and <paramref name="others"/> that occur in <paramref name="text"/>.</summary>
    public IEnumerable<string> SecretsIn(string text, params string[] others) => SecretsIn(text, allowAccessTokens: false, others);

    /// <summary>As <see cref="SecretsIn(string, string[])"/>, leaving out access tokens where printing one is the point (<c>cadenza token</c>).</summary>
    public IEnumerable<string> SecretsIn(string text, bool allowAccessTokens, params string[] others) =>
        _tokens.Where(t => !(allowAccessTokens && t.Name.StartsWith("access", StringComparison.Ordinal)))
            .Select(t => t.Value)
            .Where(t => text.Contains(t, StringComparison.Ordinal) || text.Contains(t[..MarkerLength], StringComparison.Ordinal))
            .Concat(others.Where(o => text.Contains(o, StringComparison.Ordinal)));

    /// <summary>The last answers, for a failure message.</summary>
    public string Transcript(int last) => string.Join("\n", Answers.TakeLast(last));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var preferred = ChooseStatus(request);
        if (preferred is { } status)
        {
            request.Headers.TryAddWithoutValidation("Prefer", "code=" + status.ToString(CultureInfo.InvariantCulture));
        }

        var response = await SendToPrismAsync(request, cancellationToken);

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var served = MarkTokens(body);
        if (!ReferenceEquals(served, body))
        {
            var contentType = response.Content.Headers.ContentType;
            response.Content = new StringContent(served, Encoding.UTF8);
            response.Content.Headers.ContentType = contentType;
        }

        _answers.Enqueue(new Answer(request.Method.Method, request.RequestUri!.AbsolutePath, preferred, (int)response.StatusCode, served));
        return response;
    }

    /// <summary>The body with each non-empty token value prefixed by a unique marker; the same instance when it has none.</summary>
    private string MarkTokens(string body)
    {
        JToken root;
        try
        {
            using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            root = JToken.ReadFrom(reader);
        }
        catch (JsonReaderException)
        {
            return body;
        }

        var tokens = (root as JContainer)?.Descendants().OfType<JProperty>()
            .Where(p => TokenProperties.Contains(p.Name) && p.Value is JValue { Type: JTokenType.String, Value: string { Length: > 0 } })
            .ToList() ?? [];
        if (tokens.Count == 0)
        {
            return body;
        }

        foreach (var property in tokens)
        {
            var marked = $"tk{Interlocked.Increment(ref _marked):D4}q{property.Value.Value<string>()}";
            _tokens.Enqueue((property.Name, marked));
            property.Value = marked;
        }

        return root.ToString(Formatting.None);
    }

    public sealed record Answer(string Method, string Path, int? Preferred, int Status, string Body)
    {
        private const int ExcerptLength = 500;

        public override string ToString() =>
            $"{Method} {Path}{(Preferred is { } code ? $" (Prefer: code={code})" : "")} -> {Status} {(Body.Length > ExcerptLength ? Body[..ExcerptLength] + "…" : Body)}";
    }
}
