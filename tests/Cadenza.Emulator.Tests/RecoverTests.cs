using Cadenza.Client;
using Cadenza.Emulator.Tests.Support;

namespace Cadenza.Emulator.Tests;

public class RecoverTests : EmulatorTest
{
    [Test]
    public async Task Recover_answers_ok_alike_for_known_and_unknown_addresses()
    {
        await SignUpAsync();

        var known = await Client.AuthRecoverAsync(new AuthRecoverRequest { Email = Email });
        var unknown = await Client.AuthRecoverAsync(new AuthRecoverRequest { Email = "nobody@example.com" });

        Assert.That(known.Data, Is.EqualTo("ok"));
        Assert.That(unknown.Data, Is.EqualTo("ok"), "a different answer would tell who has an account");
        Assert.That(Recorder.Responses.Select(r => r.Body).Skip(1).Distinct().Count(), Is.EqualTo(1), "the two bodies are identical");
    }

    [Test]
    public void Recover_with_a_malformed_address_is_a_400_VALIDATION_FAILED()
    {
        Failure(() => Client.AuthRecoverAsync(new AuthRecoverRequest { Email = "not-an-address" }), 400, "VALIDATION_FAILED");
    }
}
