using BenchmarkDotNet.Attributes;
using SearchService.Extraction;

namespace SearchService.Benchmarks.Micro;

/// <summary>Raw file to clean text and metadata (decoding, cleaning, region, dates, sections, citations), over the seeds.</summary>
[Config(typeof(MicroConfig))]
public class ExtractionBenchmarks : IMeasuredWork
{
    public static double UnitsPerOperation => Seeds.Raw.Count;
    public static string Unit => "reports";

    [GlobalSetup]
    public void Load() => _ = ReportExtractor.Shared;

    [Benchmark]
    public int Extract()
    {
        var chars = 0;
        foreach (var (path, content) in Seeds.Raw)
        {
            chars += ReportExtractor.Shared.Extract(path, content).Text.Length;
        }

        return chars;
    }
}
