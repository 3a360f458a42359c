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
    double IndexMb,
    int Segments);
