using System.Globalization;
using Cadenza.Client;
using Cadenza.Tests.Shared;

namespace Cadenza.Contract.Tests;

/// <summary>
/// The SDK against Prism in dynamic mode: every answer is a new random body that is valid for its schema (and the
/// spec requires almost nothing: a login answer may have no token, an <c>expiresAt</c> in the year 250 000 000, a
/// 429 that says <c>success: true</c>). Several rounds (CADENZA_HOSTILE_ROUNDS, default 12), each logging a session in
/// and calling every operation of the spec through its generated client; after the first round half of the requests
/// ask Prism for a random status the operation declares (CADENZA_HOSTILE_SEED repeats those choices; Prism's bodies
/// are random regardless, and a failure lists the ones that led to it). Every outcome must be a result or a
/// <see cref="CadenzaApiException"/>, and no exception may carry a token Prism served or the password.
/// </summary>
public class HostileServerTests
{
    private const string Email = "trader@example.com";
    private const string Password = "hostile-Pa55word-q7Xk";
    private static readonly int Rounds = int.Parse(Environment.GetEnvironmentVariable("CADENZA_HOSTILE_ROUNDS") ?? "12", CultureInfo.InvariantCulture);

    private PrismServer _prism = null!;

    [OneTimeSetUp]
    public async Task StartPrismAsync() => _prism = await PrismServer.StartAsync(Repository.Spec, dynamic: true);

    [OneTimeTearDown]
    public void StopPrism() => _prism?.Dispose();

    [Test]
    public async Task Every_operation_ends_in_a_result_or_a_typed_exception_whatever_the_server_answers()
    {
        var seed = Environment.GetEnvironmentVariable("CADENZA_HOSTILE_SEED") is { } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        var random = new Random(seed);
        using var answers = new HostileAnswers();
        var findings = new List<string>();
        var outcomes = 0;

        async Task Observe(string what, Func<Task> call)
        {
            outcomes++;
            try
            {
                await call();
            }
            catch (CadenzaApiException typed)
            {
                foreach (var secret in answers.SecretsIn(typed.Message + "\n" + typed, Password))
                {
                    findings.Add($"{what}: {typed.GetType().Name} carries the secret '{secret}': {typed.Message}\n  served: {answers.Transcript(1)}");
                }
            }
            catch (Exception other)
            {
                findings.Add($"{what}: {other.GetType().FullName}: {other.Message}\n  served: {answers.Transcript(2)}\n  {other.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
            }
        }

        for (var round = 0; round < Rounds; round++)
        {
            // The first round takes Prism's 2xx answers only; later ones ask for a declared status half of the time.
            answers.ChooseStatus = round == 0 ? _ => null : request => RandomDeclaredStatus(request, random);
            using var session = new CadenzaSession(new CadenzaSessionOptions { BaseAddress = _prism.BaseAddress }, answers);
            foreach (var operation in SpecOperation.All)
            {
                // A random answer may sign the session out (an expired token, a failed refresh): sign in again, so
                // that most calls reach the server with a token; each login is one more random answer to survive.
                for (var attempt = 0; attempt < 3 && session.State != CadenzaSessionState.SignedIn; attempt++)
                {
                    await Observe($"round {round}: login before {operation.OperationId}", () => session.LoginAsync(Email, Password));
                }

                await Observe($"round {round}: {operation} ({operation.OperationId})", () => GeneratedCall.InvokeAsync(operation, session.HttpClient));
            }

            await Observe($"round {round}: session.GetUserAsync", () => session.GetUserAsync());
            await Observe($"round {round}: session.RefreshAsync", () => session.RefreshAsync());
            await Observe($"round {round}: session.GetAccessTokenAsync", () => session.GetAccessTokenAsync());
            await Observe($"round {round}: session.LogoutAsync", () => session.LogoutAsync());
        }

        TestContext.Out.WriteLine($"{outcomes} calls, {answers.Answers.Count} answers, seed {seed} (CADENZA_HOSTILE_SEED) for the statuses asked for");
        Assert.That(answers.Tokens, Is.Not.Empty, "Prism served no token at all: the secrets check would have checked nothing.");
        Assert.That(findings, Is.Empty, $"seed {seed}; {findings.Count} of {outcomes} calls:\n" + string.Join("\n", findings));
    }

    /// <summary>One of the statuses the spec declares for the request's operation, each as likely; null (2xx) for no operation.</summary>
    private static int? RandomDeclaredStatus(HttpRequestMessage request, Random random)
    {
        var operation = CadenzaOperations.Find(request) is { } found ? SpecOperation.All.FirstOrDefault(o => o.OperationId == found.OperationId) : null;
        if (operation is null)
        {
            return null;
        }

        var statuses = operation.Operation.Responses.Keys.Where(k => int.TryParse(k, out _)).Select(int.Parse).ToArray();
        lock (random)
        {
            return random.Next(2) == 0 ? null : statuses[random.Next(statuses.Length)];
        }
    }
}
