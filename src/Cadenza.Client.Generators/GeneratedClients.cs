using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Cadenza.Client.Generators
{
    /// <summary>
    /// Finds an operation's NSwag-generated method: on the client named after its first tag, the method named after its
    /// operationId (<c>submitTradeOrder</c> → <c>SubmitTradeOrderAsync</c>), compared on letters and digits only so the
    /// exact casing rule of NSwag does not matter.
    /// </summary>
    internal sealed class GeneratedClients
    {
        private readonly List<INamedTypeSymbol> _clients;

        public GeneratedClients(Compilation compilation)
        {
            var ns = compilation.Assembly.GlobalNamespace.GetNamespaceMembers().FirstOrDefault(n => n.Name == "Cadenza")?
                .GetNamespaceMembers().FirstOrDefault(n => n.Name == "Client");
            _clients = ns?.GetTypeMembers().Where(t => t.TypeKind == TypeKind.Class && t.Name.EndsWith("Client", System.StringComparison.Ordinal)).ToList()
                ?? new List<INamedTypeSymbol>();
        }

        public IMethodSymbol? Find(SpecOperation operation)
        {
            var method = Letters(operation.OperationId) + "async";
            var client = Letters(operation.Tag ?? string.Empty) + "client";
            return _clients.OrderBy(c => Letters(c.Name) == client ? 0 : 1)
                .SelectMany(c => c.GetMembers().OfType<IMethodSymbol>())
                .FirstOrDefault(m => m.DeclaredAccessibility == Accessibility.Public && !m.IsStatic && Letters(m.Name) == method);
        }

        /// <summary>The type of the request body the method serializes (its <c>body</c> parameter).</summary>
        public static INamedTypeSymbol? BodyType(IMethodSymbol method) =>
            method.Parameters.FirstOrDefault(p => p.Name == "body")?.Type as INamedTypeSymbol;

        /// <summary>The type of the property <paramref name="name"/> of <paramref name="type"/> or a base type.</summary>
        public static ITypeSymbol? PropertyType(ITypeSymbol? type, string name)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (current.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault() is IPropertySymbol property)
                {
                    return property.Type;
                }
            }

            return null;
        }

        /// <summary>T of a Task&lt;T&gt;.</summary>
        public static ITypeSymbol? AwaitedType(IMethodSymbol method) =>
            method.ReturnType is INamedTypeSymbol { Name: "Task", TypeArguments: { Length: 1 } arguments } ? arguments[0] : null;

        /// <summary>T of an array or of a type that implements IEnumerable&lt;T&gt;.</summary>
        public static ITypeSymbol? ItemType(ITypeSymbol? collection)
        {
            if (collection is IArrayTypeSymbol array)
            {
                return array.ElementType;
            }

            if (collection is INamedTypeSymbol named)
            {
                return named.AllInterfaces.Add(named)
                    .FirstOrDefault(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)?.TypeArguments[0];
            }

            return null;
        }

        private static string Letters(string name) => new string(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
    }
}
