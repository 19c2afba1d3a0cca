using Microsoft.CodeAnalysis;

namespace Cadenza.Client.Generators
{
    internal static class Diagnostics
    {
        private const string Category = "Cadenza.Generation";

        public static readonly DiagnosticDescriptor NoSpec = new DiagnosticDescriptor(
            "CADENZA001", "No spec", "Cadenza: expected exactly one OpenAPI .yaml AdditionalFile, found {0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor UnreadableSpec = new DiagnosticDescriptor(
            "CADENZA002", "Unreadable spec", "Cadenza: cannot read the spec '{0}': {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor SessionOperationMissing = new DiagnosticDescriptor(
            "CADENZA003", "Session operation missing", "Cadenza: the session's operation '{0}' is not in the spec; update RetryRule.SessionOperationIds", Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor KeyTypeMissing = new DiagnosticDescriptor(
            "CADENZA004", "Idempotency key cannot be filled", "Cadenza: operation '{0}' has an idempotency key, but its generated method or request type was not found; it is not retried", Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor PagedMethodMissing = new DiagnosticDescriptor(
            "CADENZA005", "Paged method missing", "Cadenza: operation '{0}' pages, but its generated method (with limit/offset/cursor and a Data list) was not found; it gets no page-walking method", Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);
    }
}
