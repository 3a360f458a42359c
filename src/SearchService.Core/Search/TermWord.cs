using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace SearchService.Search;

/// <summary>
/// A term clause read from its postings and scored by the similarity directly, with the statistics Lucene's term
/// weight computes for it: the same scores as its <see cref="TermScorer"/> at one call per report where the scorer
/// makes four. Queries that read clauses straight through (<see cref="MostWordsQuery"/>, <see cref="TermFormQuery"/>)
/// read their term clauses this way.
/// </summary>
internal sealed class TermWord
{
    private readonly Term _term;
    private readonly TermContext _states;
    private readonly Similarity.SimWeight _stats;

    private TermWord(Term term, TermContext states, Similarity.SimWeight stats) => (_term, _states, _stats) = (term, states, stats);

    /// <summary>The term word of each clause that is one term, by clause; null for other clauses.</summary>
    public static TermWord?[] Of(IEnumerable<BooleanClause> clauses, IndexSearcher searcher) =>
        clauses.Select(c => c.Query is TermQuery query ? Of(query, searcher) : null).ToArray();

    /// <summary>Normalizes each word as the clause's own weight is under its Boolean query's <paramref name="topLevelBoost"/> (that query's boost included).</summary>
    public static void Normalize(TermWord?[] words, float norm, float topLevelBoost)
    {
        foreach (var word in words)
        {
            word?._stats.Normalize(norm, topLevelBoost);
        }
    }

    private static TermWord Of(TermQuery query, IndexSearcher searcher)
    {
        var states = searcher is ReportIndexSearcher cached ? cached.TermStates(query.Term) : TermContext.Build(searcher.TopReaderContext, query.Term);
        var stats = searcher.Similarity.ComputeWeight(
            query.Boost, searcher.CollectionStatistics(query.Term.Field), searcher.TermStatistics(query.Term, states));
        return new TermWord(query.Term, states, stats);
    }

    /// <summary>The term's reports and frequencies in <paramref name="segment"/>, or null when it has none there.</summary>
    public DocsEnum? Postings(AtomicReaderContext segment, IBits? acceptDocs)
    {
        if (_states.Get(segment.Ord) is not { } state)
        {
            return null;
        }

        var terms = segment.AtomicReader.GetTerms(_term.Field)!.GetEnumerator();
        terms.SeekExact(_term.Bytes, state);
        return terms.Docs(acceptDocs, null);
    }

    /// <summary>Scores a report of <paramref name="segment"/> by its frequency, as the term's scorer would.</summary>
    public Similarity.SimScorer ScorerIn(AtomicReaderContext segment, Similarity similarity) => similarity.GetSimScorer(_stats, segment);
}
