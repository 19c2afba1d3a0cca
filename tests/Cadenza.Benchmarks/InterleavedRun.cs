using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Cadenza.Client;

namespace Cadenza.Benchmarks
{
    /// <summary>
    /// A cross-check for busy machines: the three variants of <see cref="AuthGetUserBenchmarks"/> measured in turns
    /// (round-robin batches in one process), so load that comes and goes hits all three alike. The ratios are the
    /// medians of per-round ratios. BenchmarkDotNet measures one variant after the other, which on a shared
    /// 2-core machine can shift a ratio by ±20%.
    /// </summary>
    public static class InterleavedRun
    {
        public static async Task<int> RunAsync(int rounds, int batch)
        {
            var bench = new AuthGetUserBenchmarks();
            await bench.SetupAsync().ConfigureAwait(false);
            var variants = new (string Name, Func<Task<AuthGetUser200Response>> Call)[]
            {
                ("1 floor: HttpClient + JsonConvert", bench.Floor),
                ("2 generated client", bench.GeneratedClient),
                ("3 generated client + session handler", bench.GeneratedClientThroughSession),
            };

            var perCall = variants.Select(_ => new List<double>()).ToArray();
            var allocated = new long[variants.Length];
            for (var v = 0; v < variants.Length; v++)
            {
                await TimeAsync(variants[v].Call, batch * 5).ConfigureAwait(false); // warm-up, tiered JIT
                var before = GC.GetAllocatedBytesForCurrentThread();
                await TimeAsync(variants[v].Call, batch).ConfigureAwait(false);
                allocated[v] = (GC.GetAllocatedBytesForCurrentThread() - before) / batch;
            }

            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < variants.Length; i++)
                {
                    var v = (round + i) % variants.Length; // rotate who goes first
                    perCall[v].Add(await TimeAsync(variants[v].Call, batch).ConfigureAwait(false));
                }
            }

            bench.Cleanup();
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine($"Interleaved: {rounds} rounds x {batch} calls per variant");
            Console.WriteLine("| Variant | Median | P25..P75 | Allocated |");
            Console.WriteLine("|---|---:|---:|---:|");
            for (var v = 0; v < variants.Length; v++)
            {
                Console.WriteLine(string.Format(c, "| {0} | {1:0.00} us | {2:0.00}..{3:0.00} us | {4} B |",
                    variants[v].Name, Median(perCall[v]), Quantile(perCall[v], 0.25), Quantile(perCall[v], 0.75), allocated[v]));
            }

            var sessionVsBare = Enumerable.Range(0, rounds).Select(r => perCall[2][r] / perCall[1][r]).ToList();
            var bareVsFloor = Enumerable.Range(0, rounds).Select(r => perCall[1][r] / perCall[0][r]).ToList();
            Console.WriteLine(string.Format(c, "session handler / generated client: {0:0.000} (P25..P75 {1:0.000}..{2:0.000})",
                Median(sessionVsBare), Quantile(sessionVsBare, 0.25), Quantile(sessionVsBare, 0.75)));
            Console.WriteLine(string.Format(c, "generated client / floor:           {0:0.000} (P25..P75 {1:0.000}..{2:0.000})",
                Median(bareVsFloor), Quantile(bareVsFloor, 0.25), Quantile(bareVsFloor, 0.75)));
            return 0;
        }

        // Microseconds per call over one batch.
        private static async Task<double> TimeAsync(Func<Task<AuthGetUser200Response>> call, int calls)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < calls; i++)
            {
                await call().ConfigureAwait(false);
            }

            return watch.Elapsed.TotalMilliseconds * 1000 / calls;
        }

        private static double Median(List<double> values) => Quantile(values, 0.5);

        private static double Quantile(List<double> values, double q)
        {
            var sorted = values.OrderBy(x => x).ToList();
            var position = (sorted.Count - 1) * q;
            var low = (int)Math.Floor(position);
            var high = (int)Math.Ceiling(position);
            return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
        }
    }
}
