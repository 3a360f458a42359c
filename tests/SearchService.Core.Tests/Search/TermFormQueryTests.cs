using CsCheck;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using SearchService.Indexing;

namespace SearchService.Search;

public sealed class TermFormQueryTests
{
    // The last is rare where the reports hold its first character rarely.
    internal static readonly string[] Bigrams = ["法治", "政府", "府建", "建设", "治政", "乡政"];

    [Fact]
    public void MatchesAndScoresAsTheBooleanQueryItIsAloneNestedAndAcrossWindows()
    {
        // Bodies and titles of a small alphabet, so a bigram is in some reports' bodies, titles, both or neither;
        // enough reports that a window ends inside the index and a conjunction skips far ahead.
        var text = Gen.Int[0, 5].Select(i => "法治政府建设"[i]).Array[0, 12].Select(c => new string(c));
        var form = Gen.Select(Gen.Int[0, Bigrams.Length - 1], Gen.Int[0, 3], Gen.Int[0, 3]);
        Gen.Select(Gen.Select(text, text).Array[2600, 3000], Gen.Int[1, 2599], form.Array[4]).Sample((reports, deleted, forms) =>
        {
            using var index = TestIndex.WithTitles(reports, deleted);
            index.Index.Read(searcher =>
            {
                // Every common term kept as a list once searched before: each search runs three times over it, to
                // count its terms, build their lists and read them.
                var kept = new ReportIndexSearcher(searcher.IndexReader, new PostingsListCache(1 << 24, minReports: 1)) { Similarity = searcher.Similarity };
                void AssertSameHits(Query lucene, Query ours)
                {
                    TermFormQueryTests.AssertSameHits(searcher, lucene, ours);
                    for (var round = 0; round < 3; round++)
                    {
                        TermFormQueryTests.AssertSameHits(kept, lucene, ours);
                    }
                }

                foreach (var (bigram, requiredShape, optionalShape) in forms)
                {
                    var (lucene, ours) = (Lucene(bigram, requiredShape, optionalShape), Ours(bigram, requiredShape, optionalShape));
                    AssertSameHits(lucene, ours);

                    // The rarer term of a conjunction asks for reports far ahead, one at a time.
                    var rare = new BooleanQuery();
                    foreach (var id in new[] { 0, 900, 1800, 2500 })
                    {
                        rare.Add(new TermQuery(new Term(ReportFields.Id, $"r{(id + (bigram * 97)) % reports.Length:0000}")), Occur.SHOULD);
                    }

                    AssertSameHits(new BooleanQuery { { lucene, Occur.MUST }, { rare, Occur.MUST } }, new BooleanQuery { { ours, Occur.MUST }, { rare, Occur.MUST } });
                    var other = Bigrams[(bigram + 1) % Bigrams.Length];
                    AssertSameHits(
                        new BooleanQuery { { lucene, Occur.MUST }, { new TermQuery(new Term(ReportFields.BodyBigrams, other)), Occur.MUST } },
                        new BooleanQuery { { ours, Occur.MUST }, { new TermQuery(new Term(ReportFields.BodyBigrams, other)), Occur.MUST } });

                    // Two forms of a term (a synonym), either of which matches.
                    // Its body group is one clause, rewritten to the form's own clause, which the form's boost reaches.
                    var (luceneOther, oursOther) = (Lucene((bigram + 2) % Bigrams.Length, 1, 3), Ours((bigram + 2) % Bigrams.Length, 1, 3));
                    luceneOther.Boost = oursOther.Boost = 0.7f;
                    AssertSameHits(new BooleanQuery { { lucene, Occur.SHOULD }, { luceneOther, Occur.SHOULD } }, new BooleanQuery { { ours, Occur.SHOULD }, { oursOther, Occur.SHOULD } });
                    foreach (var hit in searcher.Search(ours, 5).ScoreDocs)
                    {
                        Assert.Equal(searcher.Explain(lucene, hit.Doc).Value, searcher.Explain(ours, hit.Doc).Value);
                    }
                }

                Assert.True(kept.PostingsLists!.Uses > 0); // lists were read, not only built
                return 0;
            });
        }, iter: 8);
    }

    [Fact]
    public void ScoresAsTheBooleanQueryItIsUnderASimilarityThatCoordinatesClauses()
    {
        // Lucene's TF-IDF scales a sum by the share of clauses that matched, which windowed sums leave out.
        using var index = new TestIndex()
            .Add("r0", "法治政府建设", title: "政府法治")
            .Add("r1", "建设法治政府", title: "建设")
            .Add("r2", "政府", title: "法治")
            .Refresh();
        index.Index.Read(reports =>
        {
            var searcher = new IndexSearcher(reports.IndexReader) { Similarity = new DefaultSimilarity() };
            AssertSameHits(searcher, Lucene(1, 3, 3), Ours(1, 3, 3));
            Assert.Equal(3, searcher.Search(Ours(1, 3, 3), 10).TotalHits);
            return 0;
        });
    }

    // Shapes of a group: 0 none (optional only), 1 the body alone, 2 the title alone (boosted), 3 both.
    internal static BooleanQuery Lucene(int bigram, int requiredShape, int optionalShape)
    {
        var query = new BooleanQuery { { Group(new BooleanQuery(), ReportFields.BodyBigrams, ReportFields.TitleBigrams, bigram, Math.Max(1, requiredShape)), Occur.MUST } };
        if (optionalShape > 0)
        {
            query.Add(Group(new BooleanQuery(), ReportFields.Body, ReportFields.Title, bigram, optionalShape), Occur.SHOULD);
        }

        return query;
    }

    internal static TermFormQuery Ours(int bigram, int requiredShape, int optionalShape) => new(
        Group(new TermFormQuery.Group(), ReportFields.BodyBigrams, ReportFields.TitleBigrams, bigram, Math.Max(1, requiredShape)),
        optionalShape > 0 ? Group(new TermFormQuery.Group(), ReportFields.Body, ReportFields.Title, bigram, optionalShape) : null);

    private static BooleanQuery Group(BooleanQuery group, string body, string title, int bigram, int shape)
    {
        group.Boost = 1.25f; // as a term's title or place group is boosted
        if ((shape & 1) != 0)
        {
            group.Add(new TermQuery(new Term(body, Bigrams[bigram])) { Boost = 2f }, Occur.SHOULD);
        }

        if ((shape & 2) != 0)
        {
            // For every other bigram the title clause is not one term (its postings are not read directly): a group
            // with a synonym no report holds, as a term with synonyms is.
            var term = new TermQuery(new Term(title, Bigrams[bigram]));
            group.Add(bigram % 2 == 0 ? term : new BooleanQuery { { term, Occur.SHOULD }, { new TermQuery(new Term(title, "无此")), Occur.SHOULD } }, Occur.SHOULD);
            group.Clauses[^1].Query.Boost = 3f;
        }

        return group;
    }

    internal static void AssertSameHits(IndexSearcher searcher, Query lucene, Query ours)
    {
        var (expected, actual) = (searcher.Search(lucene, 10_000).ScoreDocs, searcher.Search(ours, 10_000).ScoreDocs);
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(expected.Select(d => (d.Doc, d.Score)).OrderBy(d => d.Doc), actual.Select(d => (d.Doc, d.Score)).OrderBy(d => d.Doc));
    }
}
