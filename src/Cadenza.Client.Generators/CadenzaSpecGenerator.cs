using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Cadenza.Client.Generators
{
    /// <summary>
    /// Reads the spec (the one <c>.yaml</c> AdditionalFile) and the NSwag-generated clients, and writes per operation:
    /// its retry classification (<see cref="RetryRule"/>), the idempotency keys the serializer fills in, and for the
    /// operations <see cref="PagingRule"/> selects, a page-walking method on the generated client. Nothing is committed:
    /// it all comes from the spec on every build.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class CadenzaSpecGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var specs = context.AdditionalTextsProvider
                .Where(text => text.Path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || text.Path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Select((text, cancellationToken) => new SpecText(text.Path, text.GetText(cancellationToken)?.ToString() ?? string.Empty))
                .Collect();

            context.RegisterSourceOutput(specs.Combine(context.CompilationProvider), (output, input) => Generate(output, input.Left, input.Right));
        }

        private static void Generate(SourceProductionContext output, ImmutableArray<SpecText> specs, Compilation compilation)
        {
            if (specs.Length != 1)
            {
                output.ReportDiagnostic(Diagnostic.Create(Diagnostics.NoSpec, Location.None, specs.Length));
                return;
            }

            SpecDocument spec;
            try
            {
                spec = SpecDocument.Parse(specs[0].Text);
            }
            catch (FormatException ex)
            {
                output.ReportDiagnostic(Diagnostic.Create(Diagnostics.UnreadableSpec, Location.None, specs[0].Path, ex.Message));
                return;
            }

            foreach (var missing in RetryRule.SessionOperationIds.Where(id => spec.Operations.All(o => o.OperationId != id)))
            {
                output.ReportDiagnostic(Diagnostic.Create(Diagnostics.SessionOperationMissing, Location.None, missing));
            }

            var clients = new GeneratedClients(compilation);
            var operations = new StringBuilder();
            var keys = new StringBuilder();
            var walkers = new Dictionary<INamedTypeSymbol, List<string>>(SymbolEqualityComparer.Default);
            foreach (var operation in spec.Operations)
            {
                var method = clients.Find(operation);
                var retry = RetryRule.Classify(operation);
                if (retry.FillKey != null)
                {
                    var body = method is null ? null : GeneratedClients.BodyType(method);
                    if (body is null)
                    {
                        output.ReportDiagnostic(Diagnostic.Create(Diagnostics.KeyTypeMissing, Location.None, operation.OperationId));
                        retry = new RetryDecision(RetryClass.NotRetried, "its generated request type was not found, so its idempotency key cannot be filled in", Array.Empty<string>(), null, null);
                    }
                    else
                    {
                        keys.AppendLine($"                new global::Cadenza.Client.IdempotencyKeyFields(typeof({Code.TypeOf(body)}), {Code.Literal(retry.FillKey)}, new[] {{ {string.Join(", ", retry.BodyKeys.Select(Code.Literal))} }}),");
                    }
                }

                operations.AppendLine($"                new global::Cadenza.Client.CadenzaOperation({Code.Literal(operation.OperationId)}, {Code.Literal(operation.Method)}, {Code.Literal(operation.Path)}, global::Cadenza.Client.CadenzaRetryClass.{retry.Class}, {Code.Literal(retry.Reason)}, {(retry.HeaderKey is null || retry.FillKey != null ? "null" : Code.Literal(retry.HeaderKey))}),");

                if (PagingRule.Classify(operation) is PagingDecision paging)
                {
                    var walker = method is null ? null : PageWalkerWriter.Write(method, operation, paging);
                    if (walker is null)
                    {
                        output.ReportDiagnostic(Diagnostic.Create(Diagnostics.PagedMethodMissing, Location.None, operation.OperationId));
                        continue;
                    }

                    if (!walkers.TryGetValue(method!.ContainingType, out var list))
                    {
                        walkers[method.ContainingType] = list = new List<string>();
                    }

                    list.Add(walker);
                }
            }

            output.AddSource("CadenzaOperations.g.cs", SourceText.From(Code.OperationsFile(specs[0].Path, operations.ToString(), keys.ToString()), Encoding.UTF8));
            foreach (var client in walkers)
            {
                output.AddSource(client.Key.Name + ".Paging.g.cs", SourceText.From(Code.PartialClass(client.Key, client.Value), Encoding.UTF8));
            }
        }

        private sealed class SpecText : IEquatable<SpecText>
        {
            public SpecText(string path, string text)
            {
                Path = path;
                Text = text;
            }

            public string Path { get; }

            public string Text { get; }

            public bool Equals(SpecText? other) => other != null && other.Path == Path && other.Text == Text;

            public override bool Equals(object? obj) => Equals(obj as SpecText);

            public override int GetHashCode() => Path.GetHashCode() ^ Text.Length;
        }
    }
}
