using System;
using System.Collections.Generic;
using System.CommandLine;

namespace Cadenza.Cli
{
    /// <summary><c>--metadata key=value</c>, repeatable. A malformed pair is a parse error (exit 2) before anything is sent.</summary>
    internal static class MetadataOption
    {
        public static Option<Dictionary<string, object>?> Create(string description) => new Option<Dictionary<string, object>?>("--metadata")
        {
            Description = description + " (repeatable; values are strings)",
            HelpName = "key=value",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
            CustomParser = result =>
            {
                var metadata = new Dictionary<string, object>(StringComparer.Ordinal);
                foreach (var token in result.Tokens)
                {
                    var separator = token.Value.IndexOf('=', StringComparison.Ordinal);
                    var key = separator > 0 ? token.Value.Substring(0, separator).Trim() : string.Empty;
                    if (key.Length == 0)
                    {
                        result.AddError($"--metadata expects key=value, not '{token.Value}'.");
                        return null;
                    }

                    // The last value of a repeated key wins, as with environment variables.
                    metadata[key] = token.Value.Substring(separator + 1);
                }

                return metadata;
            },
        };
    }
}
