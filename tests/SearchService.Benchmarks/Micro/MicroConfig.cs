using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace SearchService.Benchmarks.Micro;

/// <summary>Defaults plus allocations and the throughput column.</summary>
internal sealed class MicroConfig : ManualConfig
{
    public MicroConfig()
    {
        AddColumn(new ThroughputColumn());
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
