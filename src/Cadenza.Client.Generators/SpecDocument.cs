using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using YamlDotNet.RepresentationModel;

namespace Cadenza.Client.Generators
{
    /// <summary>The facts of an OpenAPI 3 document the rules need, read with a real YAML parser, <c>$ref</c>s resolved.</summary>
    internal sealed class SpecDocument
    {
        private static readonly string[] HttpMethods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

        private readonly YamlMappingNode _root;

        private SpecDocument(YamlMappingNode root)
        {
            _root = root;
            Operations = ReadOperations().ToList();
        }

        public IReadOnlyList<SpecOperation> Operations { get; }

        /// <exception cref="FormatException">The text is not a YAML mapping.</exception>
        public static SpecDocument Parse(string yaml)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(yaml));
            }
            catch (YamlDotNet.Core.YamlException ex)
            {
                throw new FormatException($"not valid YAML ({ex.Start}): {ex.Message}", ex);
            }

            if (stream.Documents.Count == 0 || !(stream.Documents[0].RootNode is YamlMappingNode root))
            {
                throw new FormatException("not an OpenAPI document (the top level is not a mapping)");
            }

            return new SpecDocument(root);
        }

        private IEnumerable<SpecOperation> ReadOperations()
        {
            if (!(Child(_root, "paths") is YamlMappingNode paths))
            {
                yield break;
            }

            foreach (var path in paths.Children)
            {
                if (!(Resolve(path.Value) is YamlMappingNode item))
                {
                    continue;
                }

                var shared = Parameters(item);
                foreach (var entry in item.Children)
                {
                    var method = Text(entry.Key);
                    if (method is null || !HttpMethods.Contains(method) || !(Resolve(entry.Value) is YamlMappingNode operation))
                    {
                        continue;
                    }

                    var parameters = Parameters(operation).Concat(shared.Where(s => !Parameters(operation).Any(p => p.Name == s.Name && p.In == s.In))).ToList();
                    var tags = Child(operation, "tags") is YamlSequenceNode tagList ? tagList.Children.Select(Text).Where(t => t != null).Select(t => t!).ToList() : new List<string>();
                    yield return new SpecOperation(
                        method.ToUpperInvariant(),
                        Text(path.Key) ?? string.Empty,
                        Text(Child(operation, "operationId")) ?? string.Empty,
                        tags.FirstOrDefault(),
                        parameters,
                        BodyProperties(operation),
                        SuccessDataIsArray(operation));
                }
            }
        }

        private List<SpecParameter> Parameters(YamlMappingNode owner)
        {
            var list = new List<SpecParameter>();
            if (Child(owner, "parameters") is YamlSequenceNode parameters)
            {
                foreach (var node in parameters.Children)
                {
                    if (Resolve(node) is YamlMappingNode parameter && Text(Child(parameter, "name")) is string name && Text(Child(parameter, "in")) is string location)
                    {
                        list.Add(new SpecParameter(name, location));
                    }
                }
            }

            return list;
        }

        // The JSON body's top-level properties (allOf members merged), or null when the operation takes no JSON body.
        private List<SpecProperty>? BodyProperties(YamlMappingNode operation)
        {
            var schema = Resolve(Child(Child(Child(Resolve(Child(operation, "requestBody")), "content"), "application/json"), "schema"));
            return schema is YamlMappingNode body ? Properties(body, depth: 0).ToList() : null;
        }

        private IEnumerable<SpecProperty> Properties(YamlMappingNode schema, int depth)
        {
            if (depth > 16)
            {
                yield break;
            }

            if (Child(schema, "properties") is YamlMappingNode properties)
            {
                foreach (var property in properties.Children)
                {
                    var definition = Resolve(property.Value) as YamlMappingNode;
                    yield return new SpecProperty(
                        Text(property.Key) ?? string.Empty,
                        Text(Child(definition, "type")),
                        Text(Child(definition, "description")) ?? Text(Child(property.Value, "description")));
                }
            }

            if (Child(schema, "allOf") is YamlSequenceNode parts)
            {
                foreach (var part in parts.Children)
                {
                    if (Resolve(part) is YamlMappingNode member)
                    {
                        foreach (var inherited in Properties(member, depth + 1))
                        {
                            yield return inherited;
                        }
                    }
                }
            }
        }

        private bool SuccessDataIsArray(YamlMappingNode operation)
        {
            var schema = Resolve(Child(Child(Child(Resolve(Child(Child(operation, "responses"), "200")), "content"), "application/json"), "schema"));
            return schema is YamlMappingNode response && DataIsArray(response, depth: 0);
        }

        private bool DataIsArray(YamlMappingNode schema, int depth)
        {
            if (depth > 16)
            {
                return false;
            }

            if (Resolve(Child(Child(schema, "properties"), "data")) is YamlMappingNode data)
            {
                return Text(Child(data, "type")) == "array";
            }

            return Child(schema, "allOf") is YamlSequenceNode parts
                && parts.Children.Any(part => Resolve(part) is YamlMappingNode member && DataIsArray(member, depth + 1));
        }

        // Follows local references (#/components/...), as many as are chained; anything else is returned as it is.
        private YamlNode? Resolve(YamlNode? node)
        {
            for (var hops = 0; hops < 16 && node is YamlMappingNode mapping && Text(Child(mapping, "$ref")) is string reference; hops++)
            {
                if (!reference.StartsWith("#/", StringComparison.Ordinal))
                {
                    return null;
                }

                YamlNode? target = _root;
                foreach (var segment in reference.Substring(2).Split('/'))
                {
                    target = Child(target, segment.Replace("~1", "/").Replace("~0", "~"));
                }

                node = target;
            }

            return node;
        }

        private static YamlNode? Child(YamlNode? node, string key) =>
            node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        private static string? Text(YamlNode? node) => (node as YamlScalarNode)?.Value;
    }
}
