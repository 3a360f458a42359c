using Lucene.Net.Util;

namespace SearchService.Indexing;

/// <summary>Versions recorded with every commit: an index written under other ones is rebuilt from the corpus.</summary>
public static class IndexSchema
{
    public const LuceneVersion MatchVersion = LuceneVersion.LUCENE_48;

    /// <summary>Bumped whenever fields, analysis or extraction change what is indexed.</summary>
    public const string Version = "12";
}
