using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SearchService.Search;

/// <summary>
/// The best hits by score, then by id (<see cref="IdRanks"/>), and after a page cursor's place when given: what
/// Lucene's <see cref="TopFieldCollector"/> keeps for the sort (score, id), with the same sort values, in one
/// comparison per hit where that collector calls each of its comparators. A common term at 200,000 reports hands
/// nearly every report to the collector, and Lucene's took a tenth of such a search.
/// </summary>
/// <param name="ids">The reader's id ranks.</param>
/// <param name="size">How many hits to keep (at least one).</param>
/// <param name="after">The last hit of the page before, with its sort values (score, id); null for the first page.</param>
internal sealed class TopHitsByScore(IdRanks ids, int size, FieldDoc? after) : ICollector
{
    private readonly IdRanks _ids = ids;

    // The kept hits as a heap with the one that ranks last on top.
    private readonly Hit[] _heap = new Hit[Math.Max(1, size)];
    private readonly float _afterScore = after is null ? float.PositiveInfinity : ((J2N.Numerics.Single)after.Fields[0]).ToSingle();
    private readonly long _afterPlace = after is null ? -1 : ids.DoubledPlace((Lucene.Net.Util.BytesRef)after.Fields[^1]);
    private int _count;
    private Scorer? _scorer;
    private int[] _ranks = [];
    private int _docBase;

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context) => (_ranks, _docBase) = (_ids.RanksOf(context), context.DocBase);

    public void Collect(int doc) => Collect(doc, _scorer!.GetScore());

    /// <summary>Collects <paramref name="doc"/> of the current segment with its <paramref name="score"/>, given rather than asked of the scorer.</summary>
    /// <remarks>Inlined where it is called once per hit: most hits of a common term rank below every kept one.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Collect(int doc, float score)
    {
        if (score > _afterScore || (_count == _heap.Length && score < _heap[0].Score))
        {
            return; // on a page before, or below every kept hit
        }

        Keep(doc, score);
    }

    private void Keep(int doc, float score)
    {
        var rank = _ranks[doc];
        if (score == _afterScore && 2L * rank <= _afterPlace)
        {
            return;
        }

        // Documents come in order, so one tied with the last kept in score and id comes later and stays out, as in Lucene.
        var hit = new Hit(score, rank, _docBase + doc);
        if (_count < _heap.Length)
        {
            _heap[_count] = hit;
            Up(_count++);
        }
        else if (RanksAfter(_heap[0], hit))
        {
            _heap[0] = hit;
            Down(0);
        }
    }

    /// <summary>
    /// The kept hits of all <paramref name="parts"/> (collectors of one ranking), best first, from
    /// <paramref name="start"/> on, at most <paramref name="count"/>, each with its sort values as Lucene's collector
    /// fills them: the score, then the id.
    /// </summary>
    public static ScoreDoc[] Merge(IReadOnlyList<TopHitsByScore> parts, int start, int count)
    {
        var hits = parts.SelectMany(p => p._heap.Take(p._count)).ToList();
        hits.Sort((a, b) => RanksAfter(a, b) ? 1 : RanksAfter(b, a) ? -1 : 0);
        return [.. hits.Skip(start).Take(count).Select(h => (ScoreDoc)new FieldDoc(
            h.Doc, h.Score, [J2N.Numerics.Single.GetInstance(h.Score), parts[0]._ids.IdOf(h.Rank)]))];
    }

    /// <summary>Whether <paramref name="a"/> comes after <paramref name="b"/>: a lower score, then a later id, then a later document.</summary>
    private static bool RanksAfter(in Hit a, in Hit b) =>
        a.Score != b.Score ? a.Score < b.Score : a.Rank != b.Rank ? a.Rank > b.Rank : a.Doc > b.Doc;

    private void Up(int i)
    {
        while (i > 0 && RanksAfter(_heap[i], _heap[(i - 1) / 2]))
        {
            (_heap[i], _heap[(i - 1) / 2]) = (_heap[(i - 1) / 2], _heap[i]);
            i = (i - 1) / 2;
        }
    }

    private void Down(int i)
    {
        while (true)
        {
            var (left, last) = ((2 * i) + 1, i);
            if (left < _count && RanksAfter(_heap[left], _heap[last]))
            {
                last = left;
            }

            if (left + 1 < _count && RanksAfter(_heap[left + 1], _heap[last]))
            {
                last = left + 1;
            }

            if (last == i)
            {
                return;
            }

            (_heap[i], _heap[last]) = (_heap[last], _heap[i]);
            i = last;
        }
    }

    private readonly record struct Hit(float Score, int Rank, int Doc);
}
