using System;
using System.Globalization;
using System.Threading.Tasks;
using BenchmarkDotNet.Running;

namespace Cadenza.Benchmarks
{
    public static class Program
    {
        // dotnet run -c Release --project tests/Cadenza.Benchmarks -- --filter '*'
        // dotnet run -c Release --project tests/Cadenza.Benchmarks -- --interleaved [rounds] [calls per batch]
        // dotnet run -c Release --project tests/Cadenza.Benchmarks -- --session-faults
        public static async Task<int> Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "--interleaved")
            {
                var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
                var batch = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2000;
                return await InterleavedRun.RunAsync(rounds, batch).ConfigureAwait(false);
            }

            if (args.Length > 0 && args[0] == "--session-faults")
            {
                return await SessionFaultsRun.RunAsync().ConfigureAwait(false);
            }

            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return 0;
        }
    }
}
