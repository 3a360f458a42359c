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
    private readonly Similarity _similarity;
    private readonly Similarity.SimWeight _stats;

    private TermWord(Term term, TermContext states, Similarity similarity, Similarity.SimWeight stats) =>
        (_term, _states, _similarity, _stats) = (term, states, similarity, stats);

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
        return new TermWord(query.Term, states, searcher.Similarity, stats);
    }

    /// <summary>The term's reports in <paramref name="segment"/>, scored as its term scorer would, or null when it has none there.</summary>
    public TermReports? Reports(AtomicReaderContext segment, IBits? acceptDocs)
    {
        if (_states.Get(segment.Ord) is not { } state)
        {
            return null;
        }

        var terms = segment.AtomicReader.GetTerms(_term.Field)!.GetEnumerator();
        terms.SeekExact(_term.Bytes, state);
        return new TermReports(terms.Docs(acceptDocs, null), _similarity.GetSimScorer(_stats, segment));
    }
}

/// <summary>
/// A clause's reports in order and the score of the current one, as the loops that read clauses straight through
/// see them. Both kinds are structs, so each loop is compiled for each and a term's postings are read with no call
/// through a scorer.
/// </summary>
internal interface IClauseReports
{
    int DocID { get; }

    int NextDoc();

    int Advance(int target);

    /// <summary>The score of the current report, <paramref name="doc"/>.</summary>
    float Score(int doc);
}

/// <summary>Any clause, through its scorer.</summary>
internal readonly struct ScorerReports(Scorer scorer) : IClauseReports
{
    public int DocID => scorer.DocID;

    public int NextDoc() => scorer.NextDoc();

    public int Advance(int target) => scorer.Advance(target);

    public float Score(int doc) => scorer.GetScore();
}

/// <summary>A term's postings, each report scored by the similarity from its frequency.</summary>
internal readonly struct TermReports(DocsEnum postings, Similarity.SimScorer similarity) : IClauseReports
{
    public int DocID => postings.DocID;

    public int Frequency => postings.Freq;

    public long Cost => postings.GetCost();

    public int NextDoc() => postings.NextDoc();

    public int Advance(int target) => postings.Advance(target);

    public float Score(int doc) => similarity.Score(doc, postings.Freq);
}
