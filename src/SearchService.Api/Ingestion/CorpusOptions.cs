namespace SearchService.Api.Ingestion;

/// <summary>The folders of raw reports the service indexes and watches.</summary>
public sealed class CorpusOptions
{
    public const string Section = "Corpus";

    /// <summary>
    /// Corpus folders; relative paths resolve against the service's content root. Empty means <c>seeds</c>
    /// (a default here would be appended to, not replaced by, configured folders).
    /// </summary>
    public string[] Paths { get; set; } = [];

    /// <summary>Threads that read, extract and analyze reports in parallel (0: one per core).</summary>
    public int Threads { get; set; }

    /// <summary>Jobs waiting per thread before the scanner and watcher wait for room.</summary>
    public int QueueCapacity { get; set; } = 256;

    /// <summary>Quiet time after a file event before the file is read, so a file being written is read once, whole.</summary>
    public int DebounceMilliseconds { get; set; } = 300;
}
