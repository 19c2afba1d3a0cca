using Cadenza.Client.Realtime.Protocol;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cadenza.Realtime.Tests.Protocol;

/// <summary>The client's reading of the server's lines: exact on what the spec documents, and never surprised by a hostile server.</summary>
public class ReplyParserTests
{
    // The line sits in a frame between others, as it does on the wire.
    private static Reply Parse(string line)
    {
        var frame = System.Text.Encoding.UTF8.GetBytes("garbage-before\n" + line + "\ngarbage-after");
        return ReplyParser.Parse(frame, 15, System.Text.Encoding.UTF8.GetByteCount(line));
    }

    [Test]
    public void A_subscribe_result_with_recovered_publications_keeps_them_all_in_order()
    {
        var reply = Parse("""{"id":2,"subscribe":{"recoverable":true,"epoch":"ab","offset":9,"recovered":true,"publications":[{"data":{"a":1},"offset":8},{"data":[1,2],"offset":9,"time":5,"tags":{"k":"v"}}]}}""");

        Assert.Multiple(() =>
        {
            Assert.That(reply.Id, Is.EqualTo(2));
            Assert.That(reply.Subscribe!.Recovered, Is.True);
            Assert.That(reply.Subscribe.Publications.Select(p => p.Offset), Is.EqualTo(new long[] { 8, 9 }));
            Assert.That(reply.Subscribe.Publications.Select(p => p.Data), Is.EqualTo(new[] { """{"a":1}""", "[1,2]" }));
            Assert.That(reply.Subscribe.Publications[1].Tags, Is.EqualTo(new Dictionary<string, string> { ["k"] = "v" }));
        });
    }

    [Test]
    public void Pushes_pings_errors_and_RPC_results_are_told_apart()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Parse("{}").IsPing, Is.True);
            Assert.That(Parse("""{"push":{"channel":"c","pub":{"data":{"x":"y"},"offset":3}}}""").Push!.Publication!.Offset, Is.EqualTo(3));
            Assert.That(Parse("""{"push":{"channel":"c","unsubscribe":{"code":2500,"reason":"insufficient state"}}}""").Push!.Unsubscribe!.Code, Is.EqualTo(2500));
            Assert.That(Parse("""{"push":{"disconnect":{"code":3005,"reason":"connection expired","reconnect":true}}}""").Push!.Disconnect!.Code, Is.EqualTo(3005));
            Assert.That(Parse("""{"id":7,"error":{"code":104,"message":"method not found"}}""").Error!.Code, Is.EqualTo(104));
            Assert.That(Parse("""{"id":4,"rpc":{"data":{"data":{"name":"n"},"error":null}}}""").RpcData, Is.EqualTo("""{"data":{"name":"n"},"error":null}"""));
            Assert.That(Parse("""{"id":1,"connect":{"client":"c","version":"5","expires":true,"ttl":"60","ping":25,"pong":true}}""").Connect!.Ttl, Is.EqualTo(60), "proto3 JSON writes 64-bit numbers as strings");
        });
    }

    [Test]
    public void A_token_a_hostile_server_echoes_in_an_error_never_reaches_a_message()
    {
        var reply = Parse("""{"id":3,"error":{"code":100,"message":"bad token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln\n next line"}}""");

        Assert.That(reply.Error!.Message, Does.Not.Contain("eyJ").And.Not.Contain("\n"));
    }

    [TestCase("""{"a":"}{][","b":[{"c":null}]}""")]
    [TestCase("""  { "spaced" : [ 1 , 2 ] }  """)]
    [TestCase("""{"escaped":"line\nbreak \"quoted\" \u00e9"}""")]
    [TestCase("\"a bare string\"")]
    [TestCase("42.5")]
    [TestCase("null")]
    public void A_payload_is_cut_out_exactly_as_sent(string data)
    {
        var reply = Parse("{\"push\":{\"channel\":\"c\",\"pub\":{\"data\":" + data + ",\"offset\":1}}}");

        Assert.That(JToken.DeepEquals(JToken.Parse(reply.Push!.Publication!.Data), JToken.Parse(data)), Is.True, reply.Push.Publication.Data);
    }

    [Test]
    public void Random_payloads_survive_the_cut()
    {
        var random = new Random(724);
        for (var i = 0; i < 500; i++)
        {
            var data = RandomJson(random, depth: 0).ToString(Formatting.None);
            var reply = Parse("{\"push\":{\"channel\":\"c\",\"pub\":{\"offset\":1,\"data\":" + data + "}}}");

            Assert.That(JToken.DeepEquals(JToken.Parse(reply.Push!.Publication!.Data), JToken.Parse(data)), Is.True, data);
        }
    }

    [TestCase("not json")]
    [TestCase("[1,2]")]
    [TestCase("""{"id":"x"}""")]
    [TestCase("""{"id":-1}""")]
    [TestCase("""{"id":99999999999}""")]
    [TestCase("""{"push":{"pub":{"offset":1e400}}}""")]
    [TestCase("""{"push":{"pub":{"offset":123456789012345678901234567890}}}""")]
    [TestCase("""{"push":"nope"}""")]
    [TestCase("""{"subscribe":{"publications":[1]}}""")]
    [TestCase("""{"id":1}{"id":2}""")]
    [TestCase("""{"id":1""")]
    public void A_line_that_is_not_a_reply_is_a_JsonException(string line)
    {
        Assert.Throws(Is.InstanceOf<JsonException>(), () => Parse(line));
    }

    [Test]
    public void Random_garbage_never_throws_anything_but_JsonException()
    {
        var random = new Random(3500);
        const string alphabet = "{}[]\":,0123456789-eE.truefalsn idpushbcrt\\";
        for (var i = 0; i < 5000; i++)
        {
            var line = new string(Enumerable.Range(0, random.Next(1, 60)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            try
            {
                Parse(line);
            }
            catch (JsonException)
            {
            }
        }
    }

    private static readonly string[] Pieces = ["a", "b", "\"", "\\", "/", "\n", "{", "}", "[", "]", "é", "😀", " ", "\u0001"];

    private static JToken RandomJson(Random random, int depth) => (depth > 3 ? random.Next(4) : random.Next(6)) switch
    {
        0 => new JValue(random.Next(-1000, 1000)),
        1 => new JValue(string.Concat(Enumerable.Range(0, random.Next(8)).Select(_ => Pieces[random.Next(Pieces.Length)]))),
        2 => new JValue(random.Next(2) == 0),
        3 => JValue.CreateNull(),
        4 => new JArray(Enumerable.Range(0, random.Next(4)).Select(_ => RandomJson(random, depth + 1))),
        _ => new JObject(Enumerable.Range(0, random.Next(4)).Select(k => new JProperty("k" + k, RandomJson(random, depth + 1)))),
    };
}
