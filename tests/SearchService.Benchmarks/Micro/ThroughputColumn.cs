using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SearchService.Benchmarks.Micro;

/// <summary>What one operation of a benchmark class processes, so its throughput reads in its own unit (MB/s, reports/s, …).</summary>
internal interface IMeasuredWork
{
    static abstract double UnitsPerOperation { get; }
    static abstract string Unit { get; }
}

/// <summary>The "Throughput" column: units per operation ÷ mean time.</summary>
internal sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);
    public string ColumnName => "Throughput";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => false;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Work per second: units per operation divided by the mean time";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (mean is not { } nanoseconds || Work(benchmarkCase) is not var (units, unit))
        {
            return "–";
        }

        return string.Create(CultureInfo.InvariantCulture, $"{units / (nanoseconds / 1e9):N1} {unit}/s");
    }

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    private static (double Units, string Unit)? Work(BenchmarkCase benchmarkCase)
    {
        var type = benchmarkCase.Descriptor.Type;
        var units = type.GetProperty(nameof(IMeasuredWork.UnitsPerOperation), BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
        var unit = type.GetProperty(nameof(IMeasuredWork.Unit), BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
        return units is double u && unit is string name ? (u, name) : null;
    }
}
