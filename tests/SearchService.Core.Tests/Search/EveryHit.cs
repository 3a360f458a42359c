using System.Numerics;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SearchService.Search;

/// <summary>Every hit of a search with its score, in the order collected; given a window at a time when <paramref name="windows"/>.</summary>
internal sealed class EveryHit(bool windows = false) : IWindowCollector
{
    private Scorer? _scorer;
    private int _docBase;

    public List<ScoreDoc> Hits { get; } = [];

    /// <summary>How many windows were given.</summary>
    public int Windows { get; private set; }

    public bool AcceptsDocsOutOfOrder => false;

    public bool TakesWindows => windows;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

    public void Collect(int doc) => Hits.Add(new ScoreDoc(_docBase + doc, _scorer!.GetScore()));

    public void CollectWindow(int start, ReadOnlySpan<ulong> matched, IWindowedClause scores)
    {
        Windows++;
        for (var w = 0; w < matched.Length; w++)
        {
            for (var bits = matched[w]; bits != 0; bits &= bits - 1)
            {
                var doc = start + (w << 6) + BitOperations.TrailingZeroCount(bits);
                Hits.Add(new ScoreDoc(_docBase + doc, scores.ScoreAt(doc)));
            }
        }
    }
}
