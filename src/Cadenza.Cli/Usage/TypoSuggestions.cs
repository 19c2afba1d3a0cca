using System;
using System.Collections.Generic;
using System.Linq;

namespace Cadenza.Cli
{
    /// <summary>"Did you mean …?" for a mistyped command or option: the known names closest to what was typed.</summary>
    internal static class TypoSuggestions
    {
        /// <summary>
        /// The candidates at the smallest edit distance from <paramref name="typed"/> (a swap of two neighbouring letters
        /// counts as one edit), if that distance is small for the word's length; else the candidates it is a prefix of.
        /// </summary>
        public static IReadOnlyList<string> For(string typed, IEnumerable<string> candidates)
        {
            var names = candidates.Distinct(StringComparer.Ordinal).ToList();
            var lowered = typed.ToLowerInvariant();
            var allowed = Math.Max(1, Math.Min(2, (typed.TrimStart('-').Length - 1) / 2));
            var scored = names.Select(name => (Name: name, Distance: Distance(lowered, name))).Where(c => c.Distance <= allowed).ToList();
            if (scored.Count > 0)
            {
                var best = scored.Min(c => c.Distance);
                return scored.Where(c => c.Distance == best).Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
            }

            return typed.TrimStart('-').Length >= 2
                ? names.Where(n => n.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).OrderBy(n => n, StringComparer.Ordinal).ToList()
                : (IReadOnlyList<string>)Array.Empty<string>();
        }

        /// <summary>" Did you mean 'login'?", " Did you mean 'login' or 'logout'?", or nothing.</summary>
        public static string Sentence(IReadOnlyList<string> suggestions) => suggestions.Count switch
        {
            0 => string.Empty,
            1 => $" Did you mean '{suggestions[0]}'?",
            _ => $" Did you mean {string.Join(", ", suggestions.Take(suggestions.Count - 1).Select(s => $"'{s}'"))} or '{suggestions[suggestions.Count - 1]}'?",
        };

        // Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions.
        internal static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (var i = 0; i <= a.Length; i++)
            {
                d[i, 0] = i;
            }

            for (var j = 0; j <= b.Length; j++)
            {
                d[0, j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                    }
                }
            }

            return d[a.Length, b.Length];
        }
    }
}
