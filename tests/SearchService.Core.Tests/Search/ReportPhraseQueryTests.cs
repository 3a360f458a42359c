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
            using var index = TestIndex.InTwoSegments(texts, deleted: "r03");
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
                    if (slop == 0)
                    {
                        AssertKeptListsMatchAsLuceneDoes(searcher, lucene, ours);
                    }

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

    // Searched three times with kept lists for every phrase: counted, then its lists built, then read from them.
    // Alone, and beside a term that makes the phrase jump ahead (Advance) rather than step.
    private static void AssertKeptListsMatchAsLuceneDoes(IndexSearcher searcher, PhraseQuery lucene, ReportPhraseQuery ours)
    {
        var kept = new ReportIndexSearcher(searcher.IndexReader, new PostingsListCache(1 << 20, minReports: 1)) { Similarity = searcher.Similarity };
        var beside = new Term(ReportFields.BodyBigrams, "丁");
        var expected = searcher.Search(lucene, 20).ScoreDocs;
        var expectedBeside = searcher.Search(new BooleanQuery { { lucene, Occur.MUST }, { new TermQuery(beside), Occur.MUST } }, 20).ScoreDocs;
        for (var round = 0; round < 3; round++)
        {
            Assert.Equal(expected.Select(d => (d.Doc, d.Score)), kept.Search(ours, 20).ScoreDocs.Select(d => (d.Doc, d.Score)));
            var actualBeside = kept.Search(new BooleanQuery { { ours, Occur.MUST }, { new TermQuery(beside), Occur.MUST } }, 20).ScoreDocs;
            Assert.Equal(expectedBeside.Select(d => (d.Doc, d.Score)), actualBeside.Select(d => (d.Doc, d.Score)));
        }

        Assert.True(expected.Length == 0 || kept.PostingsLists!.Uses > 0); // lists were read, not only built
    }

    [Fact]
    public void APhrasesKeptListIsBuiltOnItsSecondSearchAndServesLaterReadersOfItsSegmentWithoutTheirDeletedReports()
    {
        using var index = new TestIndex();
        for (var i = 0; i < 40; i++)
        {
            index.Add($"r{i:00}", i % 4 == 0 ? "推进法治政府建设示范创建" : "法治政府的建设");
        }

        index.Refresh();
        var cache = new PostingsListCache(1 << 20, minReports: 8);
        var phrase = new ReportPhraseQuery();
        phrase.Add(new Term(ReportFields.BodyTrigrams, "法治政"), 0);
        phrase.Add(new Term(ReportFields.BodyTrigrams, "府建设"), 3);
        List<string> Search() => index.Index.Read(searcher =>
        {
            var kept = new ReportIndexSearcher(searcher.IndexReader, cache) { Similarity = searcher.Similarity };
            return kept.Search(phrase, 100).ScoreDocs.Select(d => kept.Doc(d.Doc).Get(ReportFields.Id)).Order().ToList();
        });

        var first = Search();
        var listsAfterFirst = cache.Count;
        var second = Search();
        var listsAfterSecond = cache.Count;
        index.Index.Delete("r04");
        index.Refresh();
        var usesBefore = cache.Uses;
        var afterDeletion = Search();

        Assert.Equal(["r00", "r04", "r08", "r12", "r16", "r20", "r24", "r28", "r32", "r36"], first);
        Assert.Equal(0, listsAfterFirst);
        Assert.Equal(first, second);
        Assert.Equal(1, listsAfterSecond);
        Assert.Equal(first.Where(id => id != "r04"), afterDeletion);
        Assert.Equal(1, cache.Count); // the same segment, its deletion applied: the list is read, not built again
        Assert.True(cache.Uses > usesBefore);
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
