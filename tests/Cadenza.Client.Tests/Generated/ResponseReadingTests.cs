using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Cadenza.Client.Tests.Generated;

/// <summary>
/// How the generated clients read a response body (build/templates/Client.Class.ReadObjectResponse.liquid and
/// JsonResponseBody): pooled buffers, one shared serializer, typed dates parsed, free-form values kept as sent.
/// </summary>
public sealed class ResponseReadingTests
{
    private static string UserEnvelope(string extraUserFields = "", string metadata = """{ "desk": "rates" }""") => $$"""
        { "success": true, "errno": 0, "error": null, "data": {
            "id": "0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b", "email": "trader@example.com",
            "createdAt": "2026-01-02T03:04:05.123+02:00",
            "userMetadata": {{metadata}} {{extraUserFields}} } }
        """;

    private static AuthenticationClient Client(Func<HttpRequestMessage, HttpContent> respond) =>
        new(new HttpClient(new Handler(respond)) { BaseAddress = new Uri("https://cadenza.test/") });

    [Test]
    public async Task Typed_dates_are_parsed_and_date_like_strings_in_free_form_values_stay_as_sent()
    {
        var body = UserEnvelope(
            extraUserFields: """, "factors": [ { "created_at": "2026-01-01T00:00:00.0000001Z", "note": "2026-03-04" } ]""",
            metadata: """{ "since": "2026-01-02T03:04:05.123+02:00", "day": "2026-05-06", "nested": { "at": "2026-07-08T09:10:11Z" } }""");
        var client = Client(_ => new StringContent(body, Encoding.UTF8, "application/json"));

        var user = (await client.AuthGetUserAsync()).Data!;

        Assert.Multiple(() =>
        {
            Assert.That(user.CreatedAt, Is.EqualTo(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 123, TimeSpan.FromHours(2))));
            Assert.That(user.UserMetadata!["since"], Is.EqualTo("2026-01-02T03:04:05.123+02:00"));
            Assert.That(user.UserMetadata["day"], Is.EqualTo("2026-05-06"));
            Assert.That(((JObject)user.UserMetadata["nested"])["at"]!.Type, Is.EqualTo(JTokenType.String));
            Assert.That(((JObject)user.UserMetadata["nested"]).Value<string>("at"), Is.EqualTo("2026-07-08T09:10:11Z"));
            var factor = (JObject)((JArray)user.AdditionalProperties["factors"])[0];
            Assert.That(factor["created_at"]!.Type, Is.EqualTo(JTokenType.String));
            Assert.That(factor.Value<string>("created_at"), Is.EqualTo("2026-01-01T00:00:00.0000001Z"));
        });
    }

    [Test]
    public async Task A_body_larger_than_the_first_buffer_and_of_unknown_length_is_read_whole()
    {
        var big = new string('x', 50_000);
        var body = UserEnvelope(metadata: $$"""{ "big": "{{big}}" }""");
        var client = Client(_ => new StreamContent(new TrickleStream(Encoding.UTF8.GetBytes(body)))
        {
            Headers = { ContentType = new("application/json") },
        });

        var user = (await client.AuthGetUserAsync()).Data!;

        Assert.That(user.UserMetadata!["big"], Is.EqualTo(big));
    }

    [Test]
    public async Task A_utf8_byte_order_mark_and_non_ascii_text_are_read()
    {
        var body = UserEnvelope(metadata: """{ "name": "Zoë Ångström 東京" }""");
        var client = Client(_ => new ByteArrayContent([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(body)])
        {
            Headers = { ContentType = new("application/json") },
        });

        var user = (await client.AuthGetUserAsync()).Data!;

        Assert.That(user.UserMetadata!["name"], Is.EqualTo("Zoë Ångström 東京"));
    }

    [Test]
    public async Task A_charset_the_server_names_is_honoured()
    {
        var body = UserEnvelope(metadata: """{ "name": "Zoë" }""");
        var client = Client(_ => new StringContent(body, Encoding.Unicode, "application/json"));

        var user = (await client.AuthGetUserAsync()).Data!;

        Assert.That(user.UserMetadata!["name"], Is.EqualTo("Zoë"));
    }

    [Test]
    public void A_truncated_success_body_is_a_cadenza_api_exception_quoting_it()
    {
        var body = UserEnvelope()[..60];
        var client = Client(_ => new StringContent(body, Encoding.UTF8, "application/json"));

        var failure = Assert.ThrowsAsync<CadenzaApiException>(() => client.AuthGetUserAsync());

        Assert.That(failure!.StatusCode, Is.EqualTo(200));
        Assert.That(failure.ResponseExcerpt, Does.Contain("{ \"success\": true, \"errno\": 0"));
        Assert.That(failure.InnerException, Is.Null, "Newtonsoft's message could quote a token");
    }

    [Test]
    public async Task Concurrent_calls_share_the_serializer_and_each_gets_its_own_body()
    {
        var answered = -1;
        var client = Client(_ => new StringContent(
            UserEnvelope(metadata: $$"""{ "call": "{{Interlocked.Increment(ref answered)}}", "pad": "{{new string('p', 3000)}}" }"""), Encoding.UTF8, "application/json"));

        var users = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ =>
        {
            await Task.Yield();
            return (await client.AuthGetUserAsync()).Data!;
        }));

        Assert.That(users.Select(u => u.UserMetadata!["call"]), Is.EquivalentTo(Enumerable.Range(0, 200).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    private sealed class Handler(Func<HttpRequestMessage, HttpContent> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = respond(request), RequestMessage = request });
    }

    /// <summary>A non-seekable stream of unknown length that hands out at most 1000 bytes per read, as a network stream may.</summary>
    private sealed class TrickleStream(byte[] bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 1000), bytes.Length - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
