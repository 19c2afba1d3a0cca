using System.Net;
using Cadenza.Client.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Cadenza.Client.Tests.Generated;

public class RequestShapeTests
{
    private static readonly Operation[] Operations = Operation.All;

    [TestCaseSource(nameof(Operations))]
    public async Task Sends_the_documented_method_and_path(Operation op)
    {
        using var server = new MockServer(HttpStatusCode.OK, op.SuccessBody);

        await op.Invoke(server.Client, CancellationToken.None);

        Assert.That(server.Requests, Has.Count.EqualTo(1));
        Assert.That(server.Requests[0].Method, Is.EqualTo(op.Method));
        Assert.That(server.Requests[0].Uri.AbsolutePath, Is.EqualTo(op.Path));
        Assert.That(server.Requests[0].Uri.Host, Is.EqualTo(MockServer.BaseAddress.Host));
    }

    [TestCaseSource(nameof(Operations))]
    public async Task Sends_a_json_body_with_exactly_the_camel_case_keys_of_its_request_model(Operation op)
    {
        using var server = new MockServer(HttpStatusCode.OK, op.SuccessBody);

        await op.Invoke(server.Client, CancellationToken.None);

        var request = server.Requests.Single();
        if (op.BodyKeys.Length == 0)
        {
            Assert.That(request.Body, Is.Null.Or.Empty, "an operation without a request model sends no body");
            return;
        }

        Assert.That(request.ContentType, Is.EqualTo("application/json"));
        var keys = JObject.Parse(request.Body!).Properties().Select(p => p.Name);
        Assert.That(keys, Is.EquivalentTo(op.BodyKeys));
    }

    [TestCaseSource(nameof(Operations))]
    public async Task The_bare_generated_client_adds_no_authorization_header(Operation op)
    {
        using var server = new MockServer(HttpStatusCode.OK, op.SuccessBody);

        await op.Invoke(server.Client, CancellationToken.None);

        Assert.That(server.Requests.Single().Authorization, Is.Null);
    }

    [Test]
    public async Task Optional_fields_left_unset_are_not_sent()
    {
        using var server = new MockServer(HttpStatusCode.OK, Bodies.User);

        await server.Client.AuthUpdateUserAsync(new AuthUpdateUserRequest { Email = "new@example.com" });

        Assert.That(JObject.Parse(server.Requests.Single().Body!).Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "email" }));
    }

    [Test]
    public void A_cancelled_token_cancels_the_call()
    {
        using var server = new MockServer(HttpStatusCode.OK, Bodies.User);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.That(async () => await server.Client.AuthGetUserAsync(cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }
}
