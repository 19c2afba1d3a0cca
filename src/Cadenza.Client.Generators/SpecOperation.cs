using System.Collections.Generic;
using System.Linq;

namespace Cadenza.Client.Generators
{
    /// <summary>One operation of the spec, as the rules see it.</summary>
    internal sealed class SpecOperation
    {
        public SpecOperation(string method, string path, string operationId, string? tag, IReadOnlyList<SpecParameter> parameters, IReadOnlyList<SpecProperty>? body, bool successDataIsArray)
        {
            Method = method;
            Path = path;
            OperationId = operationId;
            Tag = tag;
            Parameters = parameters;
            Body = body;
            SuccessDataIsArray = successDataIsArray;
        }

        /// <summary>Upper case: GET, POST, …</summary>
        public string Method { get; }

        public string Path { get; }

        public string OperationId { get; }

        public string? Tag { get; }

        public IReadOnlyList<SpecParameter> Parameters { get; }

        /// <summary>The JSON request body's top-level properties; null when there is no JSON body.</summary>
        public IReadOnlyList<SpecProperty>? Body { get; }

        /// <summary>True when the 200 response's <c>data</c> is an array.</summary>
        public bool SuccessDataIsArray { get; }

        public bool HasQuery(string name) => Parameters.Any(p => p.In == "query" && p.Name == name);

        public override string ToString() => Method + " " + Path;
    }

    internal sealed class SpecParameter
    {
        public SpecParameter(string name, string @in)
        {
            Name = name;
            In = @in;
        }

        public string Name { get; }

        /// <summary>query, header, path or cookie.</summary>
        public string In { get; }
    }

    internal sealed class SpecProperty
    {
        public SpecProperty(string name, string? type, string? description)
        {
            Name = name;
            Type = type;
            Description = description;
        }

        public string Name { get; }

        public string? Type { get; }

        public string? Description { get; }
    }
}
