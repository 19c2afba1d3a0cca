using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Linq;

namespace Cadenza.Cli
{
    /// <summary>
    /// A command line that did not parse, as one line: what was wrong, a "did you mean" for a mistyped command or
    /// option, and where the usage is (exit code 2).
    /// </summary>
    internal static class UsageReport
    {
        public static CliError Describe(ParseResult parse)
        {
            var command = parse.CommandResult.Command;
            var unmatched = parse.UnmatchedTokens;
            var sentences = unmatched.Select(token => Unmatched(token, parse.CommandResult)).ToList();

            // The parser reports each unmatched token once more, in its own words, and on a command that needs a
            // subcommand also "Required command was not provided": the sentences above say it better.
            sentences.AddRange(parse.Errors
                .Where(e => !unmatched.Any(token => e.Message.Contains("'" + token + "'", StringComparison.Ordinal)))
                .Where(e => unmatched.Count == 0 || command.Subcommands.Count == 0 || e.SymbolResult != parse.CommandResult)
                .Select(e => FailureReport.OneLine(e.Message)));

            var message = string.Join(" ", sentences.Distinct(StringComparer.Ordinal)) + $" Run '{Path(parse.CommandResult)} --help' for usage.";
            return new CliError(ExitCodes.Usage, message.Trim(), Code: CliErrorCodes.Usage);
        }

        private static string Unmatched(string token, CommandResult at)
        {
            var command = at.Command;
            if (token.StartsWith("-", StringComparison.Ordinal))
            {
                var options = OptionsAt(at).SelectMany(o => new[] { o.Name }.Concat(o.Aliases));
                return $"Unknown option '{token}' for '{Path(at)}'." + TypoSuggestions.Sentence(TypoSuggestions.For(token, options));
            }

            if (command.Subcommands.Count > 0)
            {
                var commands = command.Subcommands.Where(c => !c.Hidden).SelectMany(c => new[] { c.Name }.Concat(c.Aliases));
                return $"Unknown command '{token}'." + TypoSuggestions.Sentence(TypoSuggestions.For(token, commands));
            }

            return $"'{Path(at)}' takes no argument '{token}'.";
        }

        // The command's own options and the recursive options of the commands above it.
        private static IEnumerable<Option> OptionsAt(CommandResult at)
        {
            foreach (var option in at.Command.Options.Where(o => !o.Hidden))
            {
                yield return option;
            }

            for (var parent = at.Parent as CommandResult; parent != null; parent = parent.Parent as CommandResult)
            {
                foreach (var option in parent.Command.Options.Where(o => o.Recursive && !o.Hidden))
                {
                    yield return option;
                }
            }
        }

        private static string Path(CommandResult result)
        {
            var names = new List<string>();
            for (var current = result; current != null; current = current.Parent as CommandResult)
            {
                names.Add(current.Command is RootCommand ? "cadenza" : current.Command.Name);
            }

            names.Reverse();
            return string.Join(" ", names);
        }
    }
}
