namespace SearchService.Benchmarks.E2e;

/// <summary>One indexing of the corpus by one system at one thread count.</summary>
internal sealed record IndexRun(
    string System,
    int Threads,
    long Documents,
    double Seconds,
    double DocsPerSecond,
    double MbPerSecond,
    double PeakRssMb,
    double CpuSeconds,
    double IndexMb,
    int Segments)
{
    /// <summary>
    /// Ours: seconds from healthy until the background merge after the load was done (the service answers during
    /// it; like the peer's optional force-merge, it is not in <see cref="Seconds"/>). Segments are counted after it.
    /// </summary>
    public double? MergeSeconds { get; init; }

    /// <summary>Text indexed per second of CPU time, steadier than MB/s on a shared machine.</summary>
    public double MbPerCpuSecond => CpuSeconds > 0 ? MbPerSecond * Seconds / CpuSeconds : double.NaN;
}
