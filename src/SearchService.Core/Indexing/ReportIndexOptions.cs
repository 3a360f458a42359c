using System.ComponentModel.DataAnnotations;

namespace SearchService.Indexing;

/// <summary>Where the index lives and how fresh searches are.</summary>
public sealed class ReportIndexOptions
{
    public const string Section = "Index";

    /// <summary>The index folder; relative paths resolve against the service's content root.</summary>
    [Required]
    public string Path { get; set; } = "index";

    /// <summary>Longest time a change may stay invisible to searches when nobody waits for it.</summary>
    [Range(0.01, 60)]
    public double MaxStaleSeconds { get; set; } = 1.0;

    /// <summary>Shortest reopen interval when a caller waits for a change.</summary>
    [Range(0.001, 10)]
    public double MinStaleSeconds { get; set; } = 0.05;

    /// <summary>Memory the writer buffers before flushing a segment.</summary>
    [Range(16, 2048)]
    public double RamBufferMB { get; set; } = 128;
}
