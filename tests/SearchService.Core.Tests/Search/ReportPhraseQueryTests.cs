using CsCheck;
using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Indexing;

namespace SearchService.Search;

public sealed class ReportPhraseQueryTests
{
    [Fact]
    public void MatchesAndScoresAsLucenesPhraseQueryWithAndWithoutSlopOverSegmentsAndDeletions()
    {
        // Few characters, so phrases occur several times in a report, overlap themselves (甲甲甲), repeat a term
        // (Lucene's own scorers then), stand within the slop in several ways, or just miss.
        var text = Gen.Int[0, 5].Select(i => "甲乙丙丁，甲"[i]).Array[0, 40].Select(c => new string(c));
        var phrase = Gen.Select(Gen.Select(Gen.Int[0, 3].Select(i => "甲乙丙丁"[i].ToString()), Gen.Int[1, 2]).Array[2, 4], Gen.Int[0, 4].Select(i => new[] { 0, 0, 1, 3, 20 }[i]));
        Gen.Select(text.Array[12], phrase.Array[10]).Sample((texts, phrases) =>
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

            index.Index.Delete("r03");
            index.Refresh();
            index.Index.Read(searcher =>
            {
                foreach (var (terms, slop) in phrases)
                {
                    var (lucene, ours) = (new PhraseQuery { Slop = slop }, new ReportPhraseQuery { Slop = slop });
                    var position = 0;
                    foreach (var (term, gap) in terms)
                    {
                        lucene.Add(new Term(ReportFields.BodyBigrams, term), position);
                        ours.Add(new Term(ReportFields.BodyBigrams, term), position);
                        position += gap;
                    }

                    var expected = searcher.Search(lucene, 20).ScoreDocs;
                    var actual = searcher.Search(ours, 20).ScoreDocs;
                    Assert.Equal(expected.Select(d => (d.Doc, d.Score)), actual.Select(d => (d.Doc, d.Score)));
                    foreach (var hit in actual)
                    {
                        var (explained, reference) = (searcher.Explain(ours, hit.Doc), searcher.Explain(lucene, hit.Doc));
                        Assert.True(explained.IsMatch);
                        Assert.Equal(reference.Value, explained.Value);
                    }
                }

                return 0;
            });
        }, iter: 30);
    }

    [Fact]
    public void SloppyPhraseMatchesOnlyWithinItsSlop()
    {
        using var index = new TestIndex().Add("near", "法律咨询顾问").Add("far", "法律咨询服务和顾问").Refresh();
        var phrase = new ReportPhraseQuery { Slop = 2 };
        phrase.Add(new Term(ReportFields.BodyBigrams, "法律"), 0);
        phrase.Add(new Term(ReportFields.BodyBigrams, "顾问"), 2);

        var hits = index.Index.Read(searcher => searcher.Search(phrase, 10).TotalHits);

        Assert.Equal(1, hits);
    }
}
