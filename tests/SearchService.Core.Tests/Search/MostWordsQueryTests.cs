using CsCheck;
using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Indexing;

namespace SearchService.Search;

public sealed class MostWordsQueryTests
{
    [Fact]
    public void MatchesAndScoresAsABooleanQueryWithTheSameMinimumOverSegmentsAndDeletions()
    {
        // Words of a small alphabet, so reports hold some of a sentence's words, several times, or none.
        var text = Gen.Int[0, 7].Select(i => "法治政府建设，审"[i]).Array[0, 30].Select(c => new string(c));
        var word = Gen.Int[0, 6].Select(i => new[] { "法治", "政府", "府建", "建设", "治政", "审查", "设审" }[i]);
        var sentence = Gen.Select(word.Array[2, 6], Gen.Int[2, 6]);
        Gen.Select(text.Array[14], sentence.Array[8]).Sample((texts, sentences) =>
        {
            using var index = new TestIndex();
            for (var i = 0; i < texts.Length; i++)
            {
                index.Add($"r{i:00}", texts[i]);
                if (i == texts.Length / 2)
                {
                    index.Refresh(); // a second segment
                }
            }

            index.Index.Delete("r02");
            index.Refresh();
            index.Index.Read(searcher =>
            {
                foreach (var (words, minimum) in sentences)
                {
                    var (lucene, ours) = (new BooleanQuery { MinimumNumberShouldMatch = minimum }, new MostWordsQuery { MinimumNumberShouldMatch = minimum });
                    foreach (var w in words)
                    {
                        lucene.Add(new TermQuery(new Term(ReportFields.BodyBigrams, w)), Occur.SHOULD);
                        ours.Add(new TermQuery(new Term(ReportFields.BodyBigrams, w)), Occur.SHOULD);
                    }

                    AssertSameHits(searcher.Search(lucene, 20).ScoreDocs, searcher.Search(ours, 20).ScoreDocs);
                    var beside = new TermQuery(new Term(ReportFields.BodyBigrams, "建设"));
                    AssertSameHits(
                        searcher.Search(new BooleanQuery { { lucene, Occur.MUST }, { beside, Occur.MUST } }, 20).ScoreDocs,
                        searcher.Search(new BooleanQuery { { ours, Occur.MUST }, { beside, Occur.MUST } }, 20).ScoreDocs);
                    foreach (var hit in searcher.Search(ours, 20).ScoreDocs)
                    {
                        Assert.Equal(searcher.Explain(lucene, hit.Doc).Value, searcher.Explain(ours, hit.Doc).Value, 5);
                    }
                }

                return 0;
            });
        }, iter: 30);
    }

    // Lucene sums a report's word scores in its own order (in floats where every word must match), so the last bit may differ.
    private static void AssertSameHits(ScoreDoc[] expected, ScoreDoc[] actual)
    {
        Assert.Equal(expected.Select(d => d.Doc).Order(), actual.Select(d => d.Doc).Order());
        var scores = actual.ToDictionary(d => d.Doc, d => d.Score);
        foreach (var hit in expected)
        {
            Assert.Equal(hit.Score, scores[hit.Doc], 5);
        }
    }

    [Fact]
    public void ASentenceOfAReportsWordsFindsItThoughNoReportHoldsTheSentenceWhole()
    {
        using var index = new TestIndex()
            .Add("most", "本县推进重大行政决策公众参与，落实专家论证和风险评估。")
            .Add("few", "本县推进重大行政决策。")
            .Refresh();

        var ids = index.Ids("基层政府在重大行政决策中如何落实公众参与专家论证风险评估");

        Assert.Equal(["most"], ids);
    }
}
