using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Cadenza.Benchmarks
{
    /// <summary>
    /// A short job for local runs: two processes per benchmark, each with 5 warm-up and 20 measured iterations of
    /// about 250 ms (roughly 30 s per benchmark, under two minutes for all three). Allocations per call, the median, and a
    /// "vs floor" column next to BenchmarkDotNet's Ratio (which is against the baseline, the bare generated client).
    /// </summary>
    public sealed class LocalConfig : ManualConfig
    {
        public LocalConfig()
        {
            AddJob(Job.Default.WithId("Local")
                .WithLaunchCount(2)
                .WithWarmupCount(5)
                .WithIterationCount(20)
                .WithIterationTime(TimeInterval.FromMilliseconds(250)));
            AddDiagnoser(MemoryDiagnoser.Default);
            AddColumn(StatisticColumn.Median);
            AddColumn(new RatioToColumn(nameof(AuthGetUserBenchmarks.Floor), "vs floor"));
            HideColumns(Column.Job, Column.LaunchCount, Column.WarmupCount, Column.IterationCount);
        }
    }

    /// <summary>Mean of a benchmark divided by the mean of the benchmark method <c>reference</c>.</summary>
    public sealed class RatioToColumn : IColumn
    {
        private readonly string _reference;

        public RatioToColumn(string reference, string name)
        {
            _reference = reference;
            ColumnName = name;
        }

        public string Id => nameof(RatioToColumn) + "." + _reference;

        public string ColumnName { get; }

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Baseline;

        public int PriorityInCategory => 10;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => $"Mean / mean of {_reference}";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var reference = summary.BenchmarksCases.FirstOrDefault(c => c.Descriptor.WorkloadMethod.Name == _reference);
            var mine = summary[benchmarkCase]?.ResultStatistics?.Mean;
            var theirs = reference is null ? null : summary[reference]?.ResultStatistics?.Mean;
            return mine is double m && theirs is double t && t > 0 ? (m / t).ToString("0.00", style.CultureInfo) : "?";
        }
    }
}
