using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SearchService.Search;

/// <summary>A searcher with the facet state of its own reader, so counts never mix readers.</summary>
public sealed class ReportIndexSearcher(IndexReader reader) : IndexSearcher(reader)
{
    private readonly Lazy<FacetState> _facets = new(() => new FacetState(reader));

    /// <summary>Built on first use after a reopen, not per reopen: bulk ingestion reopens often.</summary>
    public FacetState Facets => _facets.Value;
}

/// <summary>Creates <see cref="ReportIndexSearcher"/>s for the SearcherManager.</summary>
public sealed class ReportSearcherFactory : SearcherFactory
{
    public override IndexSearcher NewSearcher(IndexReader reader) => new ReportIndexSearcher(reader);
}
