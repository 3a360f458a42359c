using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SearchService.Search;

/// <summary>Every hit of a search with its score, in the order collected.</summary>
internal sealed class EveryHit : ICollector
{
    private Scorer? _scorer;
    private int _docBase;

    public List<ScoreDoc> Hits { get; } = [];

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

    public void Collect(int doc) => Hits.Add(new ScoreDoc(_docBase + doc, _scorer!.GetScore()));
}
