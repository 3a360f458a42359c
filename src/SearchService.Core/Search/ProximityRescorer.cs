using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SearchService.Search;

/// <summary>
/// Closeness of the query's terms, scored over a window of the best hits only, as Lucene's <c>QueryRescorer</c>
/// does: the query's own <see cref="Window"/> best hits are reordered by their score plus the proximity clause's,
/// and every later hit keeps the query's own score and order. The proximity clause reads the position lists of
/// every term; scored on every hit, it cost common multi-term queries about half their time, and more the larger
/// the index, while it only reorders the first pages.
/// </summary>
/// <remarks>
/// The order stays one total order over all hits, so pages by offset and by cursor meet: the clause only adds, so
/// a rescored hit scores at least its own score, which is at least that of any hit outside the window.
/// </remarks>
internal static class ProximityRescorer
{
    /// <summary>How many of the query's best hits are rescored; Solr's re-ranking takes 200 by default, Elasticsearch's 10.</summary>
    public const int Window = 100;

    /// <summary>
    /// The hits in rescored order: <paramref name="window"/> (the query's best, in its order) with the clause's
    /// score added and reordered, then <paramref name="rest"/> (hits outside the window, in the query's order).
    /// Each hit's sort values are (score, id), as the relevance sort's.
    /// </summary>
    public static List<FieldDoc> Rescore(IndexSearcher searcher, ProximityQuery near, ScoreDoc[] window, IEnumerable<ScoreDoc> rest)
    {
        var rescored = new List<FieldDoc>(window.Length);
        var weight = searcher.CreateNormalizedWeight(near);
        var leaves = searcher.IndexReader.Leaves;
        var ordered = window.OrderBy(h => h.Doc).ToArray();
        AtomicReaderContext? leaf = null;
        Scorer? scorer = null;
        for (var i = 0; i < ordered.Length; i++)
        {
            var hit = ordered[i];
            if (leaf is null || hit.Doc >= leaf.DocBase + leaf.AtomicReader.MaxDoc)
            {
                leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
                scorer = weight.GetScorer(leaf, WindowIn(leaf, ordered.AsSpan(i)));
            }

            var doc = hit.Doc - leaf.DocBase;
            if (scorer is not null && scorer.DocID < doc)
            {
                scorer.Advance(doc);
            }

            var score = hit.Score + (scorer?.DocID == doc ? scorer.GetScore() : 0);
            rescored.Add(new FieldDoc(hit.Doc, score, [J2N.Numerics.Single.GetInstance(score), ((FieldDoc)hit).Fields[^1]]));
        }

        rescored.Sort(Compare);
        rescored.AddRange(rest.Cast<FieldDoc>());
        return rescored;
    }

    /// <summary>
    /// The window's documents in <paramref name="leaf"/> (from the first of <paramref name="hits"/>, ascending), as the
    /// only documents the clause may score: moving to a hit, a scorer goes on to the next report where the terms are
    /// close, and for terms that seldom are (two alternatives of an OR) that read the positions of thousands of
    /// reports outside the window.
    /// </summary>
    private static FixedBitSet WindowIn(AtomicReaderContext leaf, ReadOnlySpan<ScoreDoc> hits)
    {
        var docs = new FixedBitSet(leaf.AtomicReader.MaxDoc);
        foreach (var hit in hits)
        {
            if (hit.Doc >= leaf.DocBase + leaf.AtomicReader.MaxDoc)
            {
                break;
            }

            docs.Set(hit.Doc - leaf.DocBase);
        }

        return docs;
    }

    /// <summary>Whether <paramref name="hit"/> comes after <paramref name="cursor"/> in the relevance order.</summary>
    public static bool IsAfter(FieldDoc hit, FieldDoc cursor) => Compare(hit, cursor) > 0;

    /// <summary>The relevance order: higher score first, then the lower id.</summary>
    public static int Compare(FieldDoc a, FieldDoc b) =>
        a.Score != b.Score ? b.Score.CompareTo(a.Score) : ((BytesRef)a.Fields[^1]).CompareTo((BytesRef)b.Fields[^1]);
}
