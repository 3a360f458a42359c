using CsCheck;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SearchService.Search;

public sealed class TopHitsByScoreTests
{
    [Fact]
    public void KeepsWhatLuceneKeepsForScoreThenIdWithTheSameSortValuesInPartsAndAfterACursor()
    {
        // Ids added out of order over three segments, one report deleted and one replaced (its old copy deleted).
        using var index = new TestIndex();
        var ids = Enumerable.Range(0, 40).Select(i => $"r{(i * 17) % 40:00}").ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            index.Add(ids[i], "法治政府建设年度报告。");
            if (i is 12 or 27)
            {
                index.Refresh();
            }
        }

        index.Index.Delete("r05");
        index.Add("r11", "法律顾问。").Refresh();

        index.Index.Read(searcher =>
        {
            var leaves = searcher.IndexReader.Leaves;
            var sort = new Sort(SortField.FIELD_SCORE, searcher.Ids.SortField);

            // Scores from a few values, so most hits tie on score and are told apart by id; the cursor is a kept
            // hit's place, or a place between ids (an id since deleted).
            Gen.Select(Gen.Int[0, 3].Array[searcher.IndexReader.MaxDoc], Gen.Int[1, 15], Gen.Int[0, leaves.Count], Gen.Int[-1, 30], Gen.Int[0, 3])
                .Sample((scoreSteps, size, split, cursorAt, cursorStep) =>
                {
                    var scores = scoreSteps.Select(s => 0.5f + (s * 0.25f)).ToArray();
                    var all = Collect(searcher, scores, [TopFieldCollector.Create(sort, 1000, null, true, true, false, true)], leaves.Count)[0];
                    var best = ((TopFieldCollector)all).GetTopDocs().ScoreDocs.Cast<FieldDoc>().ToArray();
                    FieldDoc? after = cursorAt < 0 ? null
                        : cursorAt < best.Length ? best[cursorAt]
                        : new FieldDoc(int.MaxValue, 0.5f + (cursorStep * 0.25f), [J2N.Numerics.Single.GetInstance(0.5f + (cursorStep * 0.25f)), new BytesRef($"r{cursorAt:00}x")]);
                    if (after is not null)
                    {
                        after = new FieldDoc(int.MaxValue, after.Score, after.Fields); // as a cursor decodes it
                    }

                    var lucene = Collect(searcher, scores, [TopFieldCollector.Create(sort, size, after, true, true, false, true)], leaves.Count)[0];
                    var ours = Collect(searcher, scores, [new TopHitsByScore(searcher.Ids, size, after), new TopHitsByScore(searcher.Ids, size, after)], split);

                    Assert.Equal(Describe(((TopFieldCollector)lucene).GetTopDocs().ScoreDocs), Describe(TopHitsByScore.Merge([.. ours.Cast<TopHitsByScore>()], 0, size)));
                }, iter: 300);
            return 0;
        });
    }

    /// <summary>Hands every live report, scored from <paramref name="scores"/>, to the first collector up to leaf <paramref name="split"/> and to the last after it.</summary>
    private static ICollector[] Collect(IndexSearcher searcher, float[] scores, ICollector[] collectors, int split)
    {
        var scorer = new GivenScores(scores);
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var collector = leaf.Ord < split ? collectors[0] : collectors[^1];
            collector.SetNextReader(leaf);
            collector.SetScorer(scorer);
            var live = leaf.AtomicReader.LiveDocs;
            for (var doc = 0; doc < leaf.AtomicReader.MaxDoc; doc++)
            {
                if (live is null || live.Get(doc))
                {
                    scorer.Doc = leaf.DocBase + doc;
                    collector.Collect(doc);
                }
            }
        }

        return collectors;
    }

    private static string Describe(ScoreDoc[] hits) => string.Join(", ", hits.Cast<FieldDoc>().Select(h =>
        $"{h.Doc}:{h.Score}:{((J2N.Numerics.Single)h.Fields[0]).ToSingle()}:{((BytesRef)h.Fields[1]).Utf8ToString()}"));

    private sealed class GivenScores(float[] scores) : Scorer(null)
    {
        public int Doc { get; set; }

        public override int DocID => Doc;

        public override int Freq => 1;

        public override float GetScore() => scores[Doc];

        public override int NextDoc() => throw new NotSupportedException();

        public override int Advance(int target) => throw new NotSupportedException();

        public override long GetCost() => 0;
    }
}
