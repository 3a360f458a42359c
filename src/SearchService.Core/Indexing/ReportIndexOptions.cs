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

    /// <summary>
    /// Longest staleness while the corpus is first loaded (until the start-up scan is indexed): fewer reopens
    /// mean fewer small segments flushed and merged again. Callers that wait for a change still get it at once.
    /// </summary>
    [Range(0.01, 600)]
    public double LoadMaxStaleSeconds { get; set; } = 30;

    /// <summary>Shortest reopen interval when a caller waits for a change.</summary>
    [Range(0.001, 10)]
    public double MinStaleSeconds { get; set; } = 0.05;

    /// <summary>
    /// How index files are read. Positioned reads by default: as fast as mapping in the benchmark, and the mapped
    /// pages of merged segments would otherwise count as the service's resident memory (4 GB at 200k reports).
    /// </summary>
    public IndexStore Store { get; set; } = IndexStore.Nio;

    /// <summary>
    /// Memory for the blocks of index files that searches read (with <see cref="IndexStore.Nio"/>; 0 turns it off):
    /// a block found there costs no system call. A bound on resident memory, unlike mapped files.
    /// </summary>
    [Range(0, 65536)]
    public double ReadCacheMB { get; set; } = 256;

    /// <summary>
    /// Memory for the lists of reports holding common exact phrases and common terms (see
    /// <see cref="Search.PostingsListCache"/>; 0 turns it off): a term of five or more characters that most reports
    /// hold is read from its list instead of from the positions of its pieces in every report, and a common term
    /// from its list instead of its compressed postings. The 300 benchmark queries keep about 30 MB of lists at
    /// 20,000 reports and 330 MB at 200,000.
    /// </summary>
    [Range(0, 65536)]
    public double PostingsCacheMB { get; set; } = 512;

    /// <summary>
    /// Cores one search may use: a search over a large index is split into parts searched at once while cores are
    /// idle (see <see cref="Search.ParallelSearch"/>). 0 means every core; 1, one part.
    /// </summary>
    [Range(0, 1024)]
    public int SearchThreads { get; set; }

    /// <summary>The fewest reports a search gives a part of its own: smaller indexes are searched as one part.</summary>
    [Range(1, int.MaxValue)]
    public int MinReportsPerSearchPart { get; set; } = 16_384;

    /// <summary>Memory the writer buffers before flushing a segment: fewer, larger segments to merge after a load.</summary>
    [Range(16, 2048)]
    public double RamBufferMB { get; set; } = 256;
}

/// <summary>Lucene's two directory implementations for reading index files on a 64-bit server.</summary>
public enum IndexStore
{
    /// <summary>MMapDirectory: files mapped into the process, reads without system calls.</summary>
    MMap,

    /// <summary>NIOFSDirectory: positioned reads through a buffer per open input.</summary>
    Nio,
}
