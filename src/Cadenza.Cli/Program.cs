using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;

namespace Cadenza.Cli
{
    /// <summary>The entry point of the <c>cadenza</c> tool.</summary>
    internal static class Program
    {
        private static Task<int> Main(string[] args)
        {
            var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
            {
                environment[(string)variable.Key] = variable.Value as string;
            }

            // The demo prints ✓ and ✗; Windows consoles default to a legacy code page.
            if (OperatingSystem.IsWindows())
            {
                Console.OutputEncoding = Encoding.UTF8;
            }

            return CadenzaCli.RunAsync(args, CliConsole.FromSystemConsole(), environment);
        }
    }
}
