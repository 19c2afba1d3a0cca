namespace Cadenza.Generation.Tests;

/// <summary>
/// Text edits of an OpenAPI document, anchored on lines it is known to have. The named edits change the upstream
/// document (openapi/upstream/cadenza-v3.yaml) as upstream would: openapi-generator's YAML (2-space indent, lists
/// not indented, double-quoted $refs), lowerCamel schema keys (<c>authUser</c>, <c>authSignup_200_response</c>),
/// tags with spaces. An anchor that is missing, or there more often than expected, fails the test at once with the
/// anchor in the message: the document changed, and the edit must follow it.
/// </summary>
internal static class SpecEdits
{
    /// <summary>
    /// A new tag, "Risk Limits", with a new bearer operation GET /api/v3/risk/limit/list (operationId listRiskLimits)
    /// that returns a new <c>listRiskLimits_200_response</c> (the envelope, with data: an array of a new <c>riskLimit</c>).
    /// </summary>
    public static string AddRiskLimitsOperation(string upstream)
    {
        var withTag = InsertAfter(upstream, "- description: \"RFQ Dealer venue management (dealer accounts, wallets, quotes)\"\n  name: Fermata\n",
            "- description: Risk limits of the trading accounts\n  name: Risk Limits\n");
        var withPath = InsertBefore(withTag, "  /connection/websocket:\n", """
  /api/v3/risk/limit/list:
    get:
      description: List the risk limits of the tenant's trading accounts
      operationId: listRiskLimits
      responses:
        "200":
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/listRiskLimits_200_response"
          description: List risk limits response
        "401":
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/baseResponse"
          description: Unauthorized - Authentication required
      summary: List risk limits
      tags:
      - Risk Limits

""");
        return AddSchemas(withPath, """
    riskLimit:
      description: A limit on what one trading account may hold at one venue
      example:
        tradingAccountId: 046b6c7f-0b8a-43b9-b35d-6489e6daee91
        venue: BINANCE
        maxNotional: a lot
      properties:
        tradingAccountId:
          format: uuid
          type: string
        venue:
          $ref: "#/components/schemas/venue"
        maxNotional:
          description: "The largest notional value allowed, in the quote asset"
          format: double
          type: number
      type: object
    listRiskLimits_200_response:
      allOf:
      - $ref: "#/components/schemas/baseResponse"
      - properties:
          data:
            items:
              $ref: "#/components/schemas/riskLimit"
            type: array
        type: object

""");
    }

    /// <summary>A new optional field of <c>authUser</c>: <c>isAnonymous</c> (boolean).</summary>
    public static string AddIsAnonymousToAuthUser(string upstream) =>
        InsertBefore(upstream, "        identities:\n          description: User identity providers (Supabase specific)\n", """
        isAnonymous:
          description: True for a user signed in anonymously
          type: boolean

""");

    /// <summary>A new value of the <c>venue</c> enum, KRAKEN, after the last one.</summary>
    public static string AddKrakenVenue(string upstream) =>
        InsertAfter(upstream, "      - FERMATA\n      - MOCK\n      - PAPER\n", "      - KRAKEN\n");

    /// <summary>Renames the tag "Market Subscription" (its declaration and its three operations) to "Market Data Subscription".</summary>
    public static string RenameMarketSubscriptionTag(string upstream) =>
        Replace(Replace(upstream, "  name: Market Subscription\n", "  name: Market Data Subscription\n", count: 1),
            "      - Market Subscription\n", "      - Market Data Subscription\n", count: 3);

    /// <summary>Adds a schema <c>auth_user</c>, which the PascalCase rule would name AuthUser like <c>authUser</c>.</summary>
    public static string AddSchemaNamedLikeAuthUser(string upstream) =>
        AddSchemas(upstream, "    auth_user:\n      properties:\n        id:\n          type: string\n      type: object\n");

    /// <summary>Keeps only the path items whose path starts with <paramref name="prefix"/> (e.g. "/connection/"). Works on both YAML styles.</summary>
    public static string KeepOnlyPaths(string spec, string prefix)
    {
        var start = Find(spec, "paths:\n", count: 1)[0] + "paths:\n".Length;
        var end = Find(spec, "components:\n", count: 1)[0];
        // Each path item starts with a line "  /…"; the section is split just before those lines.
        var items = ("\n" + spec[start..end]).Split("\n  /").Select(item => "  /" + item).ToList();
        if (items[0] != "  /")
        {
            throw new InvalidOperationException("The spec's paths section does not start with a path: update SpecEdits.KeepOnlyPaths.");
        }

        var kept = items.Skip(1).Where(item => item.StartsWith("  " + prefix, StringComparison.Ordinal)).ToList();
        if (kept.Count == 0)
        {
            throw new InvalidOperationException($"The spec has no path starting with '{prefix}': update the test.");
        }

        var paths = string.Concat(kept.Select(item => item.TrimEnd('\n') + "\n"));
        return spec[..start] + paths + spec[end..];
    }

    /// <summary>Adds schemas at the end of components/schemas (just before securitySchemes).</summary>
    public static string AddSchemas(string spec, string schemas) => InsertBefore(spec, "  securitySchemes:\n", schemas);

    public static string InsertBefore(string spec, string anchor, string text) => spec.Insert(Find(spec, anchor, count: 1)[0], text);

    public static string InsertAfter(string spec, string anchor, string text) => spec.Insert(Find(spec, anchor, count: 1)[0] + anchor.Length, text);

    /// <summary>Replaces <paramref name="oldText"/>, which must occur exactly <paramref name="count"/> times.</summary>
    public static string Replace(string spec, string oldText, string newText, int count)
    {
        foreach (var index in Enumerable.Reverse(Find(spec, oldText, count)))
        {
            spec = spec.Remove(index, oldText.Length).Insert(index, newText);
        }

        return spec;
    }

    /// <summary>
    /// Where <paramref name="anchor"/> starts, counting only matches at the start of a line (so an anchor's indentation
    /// is its nesting level); exactly <paramref name="count"/> of them, or the document is not the one the edit expects.
    /// </summary>
    private static List<int> Find(string spec, string anchor, int count)
    {
        var found = new List<int>();
        for (var at = spec.IndexOf(anchor, StringComparison.Ordinal); at >= 0; at = spec.IndexOf(anchor, at + 1, StringComparison.Ordinal))
        {
            if (at == 0 || spec[at - 1] == '\n')
            {
                found.Add(at);
            }
        }

        return found.Count == count
            ? found
            : throw new InvalidOperationException($"The spec has {found.Count} line(s) '{anchor.Trim().Split('\n')[0]}…' where the edit expects {count}: the document changed; update {nameof(SpecEdits)}.");
    }
}
