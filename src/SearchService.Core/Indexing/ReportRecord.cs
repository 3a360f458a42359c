using SearchService.Extraction;

namespace SearchService.Indexing;

/// <summary>One report as indexed: where it came from and what was extracted from it.</summary>
public sealed record ReportRecord(string Id, string SourcePath, string ContentHash, long FileSize, long FileModifiedTicks, ExtractedReport Report);

/// <summary>What the index remembers of a source file, to skip it when unchanged.</summary>
public sealed record IndexedFileState(string SourcePath, string ContentHash, long FileSize, long FileModifiedTicks);
