using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SearchService.Search;

/// <summary>
/// Adds the proximity clause's score to the hits that could still reach the top <c>size</c>, and to no others:
/// every hit is scored as <c>query + near</c> would score it, but the near clause's positions are read only when
/// the hit's score plus the most that clause can give would beat the lowest of the best scores so far. The top
/// hits and their scores are those of the full query; facets and totals never depend on the clause.
/// </summary>
internal sealed class ProximityBoost : ICollector
{
    // BM25Similarity's default k1: a term's frequency part never reaches k1 + 1 times its weight.
    private const double K1 = 1.2;

    private readonly ICollector _ranked;
    private readonly Weight _near;
    private readonly float _nearMax;
    private readonly int _size;
    private readonly float _below;
    private readonly PriorityQueue<float, float> _best = new();
    private readonly BoostedScorer _scorer;
    private AtomicReaderContext? _segment;
    private Scorer? _nearScorer;
    private bool _nearExhausted;

    /// <param name="ranked">The collector that ranks hits by score.</param>
    /// <param name="searcher">The searcher the query runs on.</param>
    /// <param name="near">The proximity clause, as it would stand beside the query in a Boolean query.</param>
    /// <param name="size">How many hits the ranking keeps.</param>
    /// <param name="afterScore">When paging, the score of the last hit already returned (hits scoring higher are not collected).</param>
    public ProximityBoost(ICollector ranked, ReportIndexSearcher searcher, ProximityQuery near, int size, float afterScore = float.PositiveInfinity)
    {
        _ranked = ranked;
        _near = searcher.CreateNormalizedWeight(near);
        _nearMax = MaxScore(searcher, near);
        _size = Math.Max(1, size);
        _below = float.IsNaN(afterScore) ? float.PositiveInfinity : afterScore;
        _scorer = new BoostedScorer(this);
    }

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer)
    {
        _scorer.Inner = scorer;
        _ranked.SetScorer(_scorer);
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        _segment = context;
        _nearScorer = null;
        _nearExhausted = false;
        _ranked.SetNextReader(context);
    }

    public void Collect(int doc) => _ranked.Collect(doc);

    private float Score(int doc, float score)
    {
        if (_best.Count < _size || score + _nearMax > _best.Peek())
        {
            score += NearScore(doc);
            if (score < _below)
            {
                if (_best.Count < _size)
                {
                    _best.Enqueue(score, score);
                }
                else if (score > _best.Peek())
                {
                    _best.EnqueueDequeue(score, score);
                }
            }
        }

        return score;
    }

    private float NearScore(int doc)
    {
        if (_nearExhausted)
        {
            return 0;
        }

        _nearScorer ??= _near.GetScorer(_segment!, _segment!.AtomicReader.LiveDocs);
        if (_nearScorer is null)
        {
            _nearExhausted = true;
            return 0;
        }

        var at = _nearScorer.DocID;
        if (at < doc)
        {
            at = _nearScorer.Advance(doc);
            _nearExhausted = at == DocIdSetIterator.NO_MORE_DOCS;
        }

        return at == doc ? _nearScorer.GetScore() : 0;
    }

    /// <summary>An upper bound of the clause's BM25 score: its weight (summed idf times boost) times k1 + 1, with room for rounding.</summary>
    private static float MaxScore(ReportIndexSearcher searcher, PhraseQuery near)
    {
        var idf = 0.0;
        foreach (var term in near.GetTerms())
        {
            var docFreq = searcher.TermStates(term).DocFreq;
            idf += Math.Log(1 + ((searcher.IndexReader.MaxDoc - docFreq + 0.5) / (docFreq + 0.5)));
        }

        return (float)(idf * near.Boost * (K1 + 1) * 1.01);
    }

    /// <summary>The query's scorer with the proximity score added, computed once per document.</summary>
    private sealed class BoostedScorer(ProximityBoost owner) : Scorer(null)
    {
        private int _doc = -1;
        private float _score;

        public Scorer Inner { get; set; } = null!;

        public override int DocID => Inner.DocID;

        public override int Freq => Inner.Freq;

        public override float GetScore()
        {
            var doc = Inner.DocID;
            if (doc != _doc)
            {
                _score = owner.Score(doc, Inner.GetScore());
                _doc = doc;
            }

            return _score;
        }

        public override int NextDoc() => Inner.NextDoc();

        public override int Advance(int target) => Inner.Advance(target);

        public override long GetCost() => Inner.GetCost();
    }
}
