namespace Cadenza.Generation.Tests.Rules;

/// <summary>A small OpenAPI document around one operation, as a new upstream revision might bring it.</summary>
internal static class SyntheticSpec
{
    public static string WithOperation(string method, string operationId, string? bodyProperties = null, string? parameters = null, string? responseData = null) => $$"""
        openapi: 3.0.3
        info: { title: t, version: '1' }
        paths:
          /api/v3/things/{{operationId}}:
            {{method}}:
              operationId: {{operationId}}
              tags: [Things]
        {{(parameters is null ? "" : "      parameters:\n" + Indent(parameters, 8))}}
        {{(bodyProperties is null ? "" : "      requestBody:\n        content:\n          application/json:\n            schema:\n              $ref: '#/components/schemas/Body'\n")}}
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        allOf:
                          - $ref: '#/components/schemas/Envelope'
                          - type: object
                            properties:
                              data:
        {{Indent(responseData ?? "type: string", 24)}}
        components:
          parameters:
            idempotencyKeyHeader:
              name: X-Idempotency-Key
              in: header
              schema: { type: string }
          schemas:
            Envelope:
              type: object
              properties:
                errno: { type: integer }
            Body:
              type: object
              properties:
        {{Indent(bodyProperties ?? "x: { type: string }", 8)}}
        """;

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.Trim('\n').Split('\n').Select(line => new string(' ', spaces) + line));
}
