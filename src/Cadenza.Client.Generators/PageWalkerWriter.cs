using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Cadenza.Client.Generators
{
    /// <summary>
    /// Writes the page-walking method of one paged operation: the generated method's own parameters (same names, types
    /// and defaults) without <c>limit</c>, <c>offset</c> and <c>cursor</c>, plus <c>pageSize</c>; it returns a
    /// CadenzaPageable over the items of <c>data</c>, reading <c>pagination</c> where the response has it.
    /// </summary>
    internal static class PageWalkerWriter
    {
        private static readonly string[] PageParameters = { "limit", "offset", "cursor" };

        /// <returns>The member's code, or null when the method does not have the shape the rule expects.</returns>
        public static string? Write(IMethodSymbol method, SpecOperation operation, PagingDecision paging)
        {
            var response = GeneratedClients.AwaitedType(method);
            var item = GeneratedClients.ItemType(GeneratedClients.PropertyType(response, "Data"));
            var token = method.Parameters.LastOrDefault(p => p.Type.Name == "CancellationToken");
            if (item is null || token is null || !method.Parameters.Any(p => p.Name == "limit")
                || (paging.ByOffset && !method.Parameters.Any(p => p.Name == "offset")) || (paging.ByCursor && !method.Parameters.Any(p => p.Name == "cursor")))
            {
                return null;
            }

            var filters = method.Parameters.Where(p => !PageParameters.Contains(p.Name) && !SymbolEqualityComparer.Default.Equals(p, token)).ToList();
            var pagination = GeneratedClients.PropertyType(response, "Pagination");
            var itemType = Code.Type(item);
            var name = PagingRule.WalkerName(method.Name);

            var code = new StringBuilder();
            code.AppendLine("        /// <summary>");
            code.AppendLine($"        /// Every item of <see cref=\"{method.Name}\"/> (<c>{operation.Method} {Code.Xml(operation.Path)}</c>), page after page, as one");
            code.AppendLine($"        /// <c>await foreach</c>; <see cref=\"global::Cadenza.Client.CadenzaPageable{{T}}.AsPages\"/> gives the pages. Pages by {(paging.ByCursor ? "cursor while the server returns one" : string.Empty)}{(paging.ByCursor && paging.ByOffset ? ", else by " : string.Empty)}{(paging.ByOffset ? "offset" : string.Empty)};");
            code.AppendLine("        /// nothing is sent before the enumeration starts, and each page is requested when the previous one is used up.");
            code.AppendLine("        /// </summary>");
            foreach (var filter in filters)
            {
                code.AppendLine($"        /// <param name=\"{filter.Name}\">{ParameterDoc(method, filter.Name)}</param>");
            }

            code.AppendLine("        /// <param name=\"pageSize\">The <c>limit</c> of each page request; null leaves it to the server.</param>");
            code.AppendLine("        /// <param name=\"cancellationToken\">Stops the walk (so does the enumeration's own token).</param>");
            code.AppendLine("        /// <returns>The items, lazily; a server that repeats a cursor or ignores the offset ends the walk with <see cref=\"global::Cadenza.Client.CadenzaPagingException\"/>.</returns>");
            code.Append($"        public virtual global::Cadenza.Client.CadenzaPageable<{itemType}> {name}(");
            code.Append(string.Join(", ", filters.Select(Code.Parameter).Concat(new[] { "int? pageSize = null", "global::System.Threading.CancellationToken cancellationToken = default" })));
            code.AppendLine(")");
            code.AppendLine("        {");
            code.AppendLine($"            return new global::Cadenza.Client.CadenzaPageable<{itemType}>({Code.Literal(operation.OperationId)}, {Code.Bool(paging.ByOffset)}, {Code.Bool(paging.ByCursor)}, pageSize, cancellationToken, async (page, pageCancellation) =>");
            code.AppendLine("            {");
            var arguments = filters.Select(p => Code.Identifier(p.Name) + ": " + Code.Identifier(p.Name)).ToList();
            arguments.Add("limit: page.Limit");
            if (paging.ByOffset)
            {
                arguments.Add("offset: page.Offset");
            }

            if (paging.ByCursor)
            {
                arguments.Add("cursor: page.Cursor");
            }

            arguments.Add(Code.Identifier(token.Name) + ": pageCancellation");
            code.AppendLine($"                var response = await {method.Name}({string.Join(", ", arguments)}).ConfigureAwait(false);");
            code.AppendLine($"                return new global::Cadenza.Client.PageResponse<{itemType}>(response?.Data, {PaginationArguments(pagination)});");
            code.AppendLine("            });");
            code.AppendLine("        }");
            return code.ToString();
        }

        // The generated method's own words for a parameter (the spec's description), else a pointer to it.
        private static string ParameterDoc(IMethodSymbol method, string name)
        {
            try
            {
                var xml = method.GetDocumentationCommentXml();
                var text = string.IsNullOrEmpty(xml) ? null : System.Xml.Linq.XElement.Parse(xml).Elements("param")
                    .FirstOrDefault(p => (string?)p.Attribute("name") == name)?.Value.Trim();
                if (!string.IsNullOrEmpty(text))
                {
                    return Code.Xml(text!);
                }
            }
            catch (System.Xml.XmlException)
            {
            }

            return $"As for <see cref=\"{method.Name}\"/>.";
        }

        // offset, limit, total, cursor, hasNext from the response's pagination object, null where it has no such member.
        private static string PaginationArguments(ITypeSymbol? pagination)
        {
            string Member(string member, string type) =>
                pagination != null && GeneratedClients.PropertyType(pagination, member) != null ? $"({type})(response?.Pagination?.{member})" : "null";

            return string.Join(", ", new List<string>
            {
                Member("Offset", "long?"), Member("Limit", "long?"), Member("Total", "long?"), Member("Cursor", "string?"), Member("HasNext", "bool?"),
            });
        }
    }
}
