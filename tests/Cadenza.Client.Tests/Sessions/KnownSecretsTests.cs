namespace Cadenza.Client.Tests.Sessions;

[NonParallelizable]
public class KnownSecretsTests
{
    [Test]
    public void A_held_value_is_masked_as_sent_json_escaped_and_url_escaped_until_released()
    {
        const string secret = "pa ss\"wo/rd&x";
        var holder = KnownSecrets.Hold(secret);

        var masked = Redaction.Redact($"raw {secret} json {Newtonsoft.Json.JsonConvert.ToString(secret)} url {Uri.EscapeDataString(secret)}");
        holder.Dispose();

        Assert.That(masked, Does.Not.Contain("wo/rd").And.Not.Contain("wo%2Frd"));
        Assert.That(Redaction.Redact(secret), Is.EqualTo(secret), "released: no longer known");
    }

    [Test]
    public void A_value_that_contains_another_is_masked_whole()
    {
        using var shorter = KnownSecrets.Hold("token-1");
        using var longer = KnownSecrets.Hold("token-12345");

        Assert.That(KnownSecrets.Mask("got token-12345 and token-1"), Is.EqualTo("got *** and ***"));
    }

    [Test]
    public void The_token_state_masks_its_current_and_previous_tokens_and_forgets_them_when_it_ends()
    {
        var id = Guid.NewGuid().ToString("N");
        var policy = new ExpiryPolicy(TimeSpan.FromMinutes(1));
        TokenSet Tokens(int n) => TokenSet.From(new StoredSession($"access-{n}-{id}", $"refresh-{n}-{id}", DateTimeOffset.UnixEpoch, null, null), policy);
        var state = new TokenState();

        state.SignIn(Tokens(1));
        state.TryInstallRefreshed(Tokens(1), Tokens(2), out _);

        Assert.That(KnownSecrets.Mask($"access-1-{id} refresh-1-{id} access-2-{id} refresh-2-{id}"), Is.EqualTo("*** *** *** ***"));
        state.TryEnd(basis: null);
        Assert.That(KnownSecrets.Mask($"refresh-2-{id}"), Is.EqualTo($"refresh-2-{id}"));
    }
}
