using Cadenza.Tests.Shared;
using NSwag;

namespace Cadenza.Generation.Tests;

/// <summary>build/import-spec.sh on a made-up upstream spec: the Authentication tag and what it references stay, the rest goes.</summary>
public class SpecImportTests
{
    private static readonly string[] CoveredOperations =
    [
        "POST /api/v3/auth/signup", "POST /api/v3/auth/login", "POST /api/v3/auth/logout", "POST /api/v3/auth/token/refresh",
        "GET /api/v3/auth/user", "PUT /api/v3/auth/user", "POST /api/v3/auth/recover",
    ];

    private BuildScripts _scripts = null!;

    [SetUp]
    public void CopyScripts() => _scripts = BuildScripts.Create();

    [TearDown]
    public void DeleteCopy() => _scripts?.Dispose();

    [Test]
    public async Task Import_keeps_the_Authentication_operations_and_what_they_reference_and_drops_the_rest()
    {
        var upstream = _scripts.Write("upstream.yaml", Upstream(SpecEdits.AddListFactorsOperation(Repository.ReadSpec())));

        var result = await _scripts.RunAsync("import-spec.sh", upstream);

        var imported = await OpenApiYamlDocument.FromFileAsync(_scripts.Spec);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Output, Does.Contain("8 of 9 operations").And.Contain("breaking-change check: OK — no breaking change").And.Contain("spec import: OK"));
            Assert.That(Operations(imported), Is.EquivalentTo(CoveredOperations.Append("GET /api/v3/auth/factors")));
            Assert.That(imported.Components.Schemas.Keys, Does.Contain("AuthFactor").And.Contain("AuthListFactors200Response")
                .And.Contain("BaseResponse").And.Contain("BaseResponseDetails").And.Contain("AuthSession").And.Contain("AuthUserAppMetadata"));
            Assert.That(imported.Components.Schemas.Keys, Has.None.EqualTo("Order").And.None.EqualTo("OrderList").And.None.EqualTo("MarketStatus"));
            Assert.That(imported.Components.Responses.Keys, Is.EquivalentTo(new[] { "BadRequest", "Unauthorized", "TooManyRequests", "InternalServerError" }));
            Assert.That(imported.Components.SecuritySchemes.Keys, Is.EquivalentTo(new[] { "SupabaseOAuth2BearerAuth" }));
            Assert.That(imported.Tags.Select(t => t.Name), Is.EqualTo(new[] { "Authentication" }));
        });
    }

    [Test]
    public async Task Import_of_a_spec_that_breaks_callers_says_so_and_exits_2()
    {
        var upstream = _scripts.Write("upstream.yaml", Upstream(SpecEdits.RenameRefreshToken(Repository.ReadSpec())));

        var result = await _scripts.RunAsync("import-spec.sh", upstream);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.Output, Does.Contain("NOT acknowledged: POST /api/v3/auth/login: cannot remove response property 'refreshToken'"));
            Assert.That(result.Output, Does.Contain("spec import: DONE, BUT IT BREAKS EXISTING CALLERS"));
            Assert.That(File.ReadAllText(_scripts.Spec), Does.Contain("refresh_token"), "the import is written even so, for review");
        });
    }

    [Test]
    public async Task Import_of_a_spec_without_Authentication_operations_writes_nothing()
    {
        var before = File.ReadAllText(_scripts.Spec);
        var upstream = _scripts.Write("upstream.yaml", Repository.ReadSpec().Replace("tags: [Authentication]", "tags: [Trading]", StringComparison.Ordinal));

        var result = await _scripts.RunAsync("import-spec.sh", upstream);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Output, Does.Contain("spec import: FAILED"));
            Assert.That(File.ReadAllText(_scripts.Spec), Is.EqualTo(before));
        });
    }

    /// <summary>
    /// The spec as a bigger upstream document would have it: a second tag (Trading) with an operation, schemas only
    /// it uses (OrderList → Order), a schema nothing uses (MarketStatus), and shared parts (the 401 response).
    /// </summary>
    private static string Upstream(string spec) =>
        SpecEdits.InsertSchemas(
            SpecEdits.InsertBefore(
                SpecEdits.InsertAfter(spec, "    description: Authentication endpoints (Supabase GoTrue proxy)\n", "  - name: Trading\n    description: Orders and positions\n"),
                "\ncomponents:\n",
                """

  /api/v3/trading/orders:
    get:
      tags: [Trading]
      operationId: tradingListOrders
      summary: List orders
      responses:
        '200':
          description: The orders
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/OrderList'
        '401':
          $ref: '#/components/responses/Unauthorized'
""".TrimEnd('\n')),
            """
    OrderList:
      type: object
      properties:
        orders:
          type: array
          items:
            $ref: '#/components/schemas/Order'
    Order:
      type: object
      properties:
        id:
          type: string
        symbol:
          type: string
    MarketStatus:
      type: object
      properties:
        open:
          type: boolean

""");

    private static IEnumerable<string> Operations(OpenApiDocument document) =>
        document.Paths.SelectMany(path => path.Value.Keys.Select(method => $"{method.ToUpperInvariant()} {path.Key}"));
}
