namespace SearchService.Benchmarks.E2e;

/// <summary>Everything one end-to-end run measured, written as results.json.</summary>
internal sealed record E2eResult(
    DateTimeOffset Date,
    MachineInfo Machine,
    string Command,
    E2eOptions Options,
    CorpusInfo Corpus,
    IReadOnlyList<IndexRun> Indexing,
    Readiness Start,
    IReadOnlyList<QueryError> CheckPassErrors,
    IReadOnlyList<QueryRun> Queries,
    IReadOnlyList<EndpointRun> Endpoints,
    IReadOnlyList<QueryRun> PeerQueries)
{
    /// <summary>One client's queries while reports are added, one a second; null in results from before it was measured.</summary>
    public QueryRun? WhileAdding { get; init; }

    public bool Failed => CheckPassErrors.Count > 0 || Queries.Any(q => q.Errors > 0) || WhileAdding is { Errors: > 0 } || Endpoints.Any(e => e.Errors > 0)
        || Indexing.Any(r => r.System == Ours && r.Documents != Corpus.Documents);

    public const string Ours = "ours";
}

internal sealed record CorpusInfo(string Path, int Documents, double TextMb, double FileMb);

internal sealed record MachineInfo(int Cores, double MemoryGiB, string Os, string Runtime)
{
    public static MachineInfo Current()
    {
        var kb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return new MachineInfo(
            Environment.ProcessorCount,
            Math.Round(double.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) / 1024 / 1024, 1),
            System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
    }
}
