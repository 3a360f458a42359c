using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace SearchService.Search;

/// <summary>A searcher with the facet state of its own reader, so counts never mix readers.</summary>
public sealed class ReportIndexSearcher(IndexReader reader) : IndexSearcher(reader)
{
    private readonly Lazy<FacetState> _facets = new(() => new FacetState(reader));
    private readonly Lazy<IdRanks> _ids = new(() => new IdRanks(reader));

    /// <summary>Built on first use after a reopen, not per reopen: bulk ingestion reopens often.</summary>
    public FacetState Facets => _facets.Value;

    /// <summary>The id order every sort ends with; built on first use, like <see cref="Facets"/>.</summary>
    public IdRanks Ids => _ids.Value;
}

/// <summary>Creates <see cref="ReportIndexSearcher"/>s for the SearcherManager.</summary>
public sealed class ReportSearcherFactory : SearcherFactory
{
    /// <summary>BM25 rather than Lucene 4.8's default TF-IDF: term frequency saturates, long reports are not favoured.</summary>
    public static Similarity Similarity { get; } = new BM25Similarity();

    public override IndexSearcher NewSearcher(IndexReader reader) => new ReportIndexSearcher(reader) { Similarity = Similarity };
}
