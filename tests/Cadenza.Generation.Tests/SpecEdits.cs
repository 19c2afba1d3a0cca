namespace Cadenza.Generation.Tests;

/// <summary>Text edits of openapi/cadenza.yaml, anchored on lines the spec is known to have.</summary>
internal static class SpecEdits
{
    /// <summary>A new bearer operation, GET /api/v3/auth/factors (operationId authListFactors), and the schemas it returns.</summary>
    public static string AddListFactorsOperation(string spec) =>
        InsertSchemas(
            InsertBefore(spec, "\ncomponents:\n", """

  /api/v3/auth/factors:
    get:
      tags: [Authentication]
      operationId: authListFactors
      summary: List the user's MFA factors
      description: The multi-factor authentication factors of the current user
      responses:
        '200':
          description: The user's factors
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/AuthListFactors200Response'
        '401':
          $ref: '#/components/responses/Unauthorized'
""".TrimEnd('\n')),
            """
    AuthListFactors200Response:
      description: The envelope of a list of factors.
      allOf:
        - $ref: '#/components/schemas/BaseResponse'
        - type: object
          properties:
            data:
              type: array
              items:
                $ref: '#/components/schemas/AuthFactor'
    AuthFactor:
      type: object
      description: A multi-factor authentication factor.
      properties:
        id:
          type: string
        factorType:
          type: string
          example: totp

""");

    /// <summary>A new optional field of AuthUser: isAnonymous (boolean).</summary>
    public static string AddIsAnonymousToAuthUser(string spec) =>
        InsertAfter(spec, "    AuthUser:\n      type: object\n      description: A Cadenza user.\n      properties:\n", """
        isAnonymous:
          type: boolean
          description: True for a user signed in anonymously.

""");

    /// <summary>Removes BaseResponseDetails.provided (an optional field no hand-written code uses).</summary>
    public static string RemoveProvidedFromBaseResponseDetails(string spec) =>
        Replace(spec, "        provided:\n          type: array\n          items:\n            type: string\n", "");

    /// <summary>Renames AuthSession.refreshToken and AuthRefreshTokenRequest.refreshToken to refresh_token: breaks every caller.</summary>
    public static string RenameRefreshToken(string spec) =>
        Replace(Replace(spec, "        refreshToken:\n", "        refresh_token:\n"), "required: [refreshToken]", "required: [refresh_token]");

    /// <summary>Appends schemas at the end of components/schemas (the last section of the spec).</summary>
    public static string InsertSchemas(string spec, string schemas)
    {
        if (!spec.Contains("\n  schemas:\n", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The spec has no components/schemas section.");
        }

        return spec.TrimEnd('\n') + "\n" + schemas.TrimEnd('\n') + "\n";
    }

    public static string InsertBefore(string spec, string anchor, string text)
    {
        var index = IndexOf(spec, anchor);
        return spec.Insert(index, text);
    }

    public static string InsertAfter(string spec, string anchor, string text) =>
        spec.Insert(IndexOf(spec, anchor) + anchor.Length, text);

    private static string Replace(string spec, string oldText, string newText)
    {
        IndexOf(spec, oldText);
        return spec.Replace(oldText, newText, StringComparison.Ordinal);
    }

    private static int IndexOf(string spec, string anchor)
    {
        var index = spec.IndexOf(anchor, StringComparison.Ordinal);
        return index >= 0 ? index : throw new InvalidOperationException($"The spec no longer contains the anchor '{anchor.Trim()}': update {nameof(SpecEdits)}.");
    }
}
