using System.Text;

namespace Cadenza.Client.Tests.Sessions;

public class JwtExpiryTests
{
    private static string Jwt(string payloadJson) =>
        "eyJhbGciOiJIUzI1NiJ9." + Convert.ToBase64String(Encoding.UTF8.GetBytes(payloadJson)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".c2ln";

    [TestCase("""{"sub":"u","exp":1767229200}""", 1767229200L)]
    [TestCase("""{"exp":1767229200.75}""", 1767229200L)]
    [TestCase("""{"exp":-1}""", -1L)]
    public void Reads_the_exp_claim(string payload, long expected)
    {
        Assert.That(JwtExpiry.Read(Jwt(payload)), Is.EqualTo(expected));
    }

    [TestCase("""{"exp":"1767229200"}""")]
    [TestCase("""{"exp":1e30}""")]
    [TestCase("""{"exp":123456789012345678901234567890}""")]
    [TestCase("""{"sub":"no exp"}""")]
    [TestCase("""[1,2]""")]
    [TestCase("""{ broken""")]
    public void Anything_else_is_no_expiry(string payload)
    {
        Assert.That(JwtExpiry.Read(Jwt(payload)), Is.Null);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("opaque-token")]
    [TestCase("a.b")]
    [TestCase("a..c")]
    [TestCase("eyJhbGciOiJIUzI1NiJ9.access-1.sig1")]
    [TestCase("a.!!!.c")]
    public void A_token_that_is_not_a_JWT_has_no_expiry(string? token)
    {
        Assert.That(JwtExpiry.Read(token), Is.Null);
    }
}
