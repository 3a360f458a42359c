using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SearchService.Search;

/// <summary>A term query that takes its term's segment states from the searcher's cache (<see cref="ReportIndexSearcher.TermStates"/>).</summary>
public sealed class CachedTermQuery(Term term) : TermQuery(term)
{
    public override Weight CreateWeight(IndexSearcher searcher) => searcher is ReportIndexSearcher cached
        ? new TermQuery(Term, cached.TermStates(Term)) { Boost = Boost }.CreateWeight(searcher)
        : base.CreateWeight(searcher);
}
