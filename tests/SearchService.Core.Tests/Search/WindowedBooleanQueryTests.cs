using CsCheck;
using Lucene.Net.Index;
using Lucene.Net.Search;
using static SearchService.Search.TermFormQueryTests;

namespace SearchService.Search;

public sealed class WindowedBooleanQueryTests
{
    /// <summary>
    /// Bodies and titles of a small alphabet, so each bigram but the last is in most reports' bodies, titles or both,
    /// and the reports two of them share end and start inside windows; 乡 is rare, and so is 乡政. With a report to
    /// delete and three forms of common bigrams (bigram, required shape, optional shape).
    /// </summary>
    internal static Gen<((string Body, string Title)[] Reports, int Deleted, (int Bigram, int RequiredShape, int OptionalShape)[] Forms)> CommonTerms()
    {
        var character = Gen.Frequency((60, Gen.Int[0, 5].Select(i => "法治政府建设"[i])), (1, Gen.Const('乡')));
        var text = character.Array[0, 12].Select(c => new string(c));
        var form = Gen.Select(Gen.Int[0, Bigrams.Length - 2], Gen.Int[0, 3], Gen.Int[0, 3]);
        return Gen.Select(Gen.Select(text, text).Array[2600, 5000], Gen.Int[1, 2599], form.Array[3]);
    }

    [Fact]
    public void TermFormsRequiredExcludedOrOptionalMatchAndScoreAsTheBooleanQueryTheyAreWholeInPartsAndAcrossWindows()
    {
        CommonTerms().Sample((reports, deleted, forms) =>
        {
            using var index = TestIndex.WithTitles(reports, deleted);
            index.Index.Read(searcher =>
            {
                // Common terms kept as lists once searched before: three searches count, build and read them.
                var kept = new ReportIndexSearcher(searcher.IndexReader, new PostingsListCache(1 << 24, minReports: 1)) { Similarity = searcher.Similarity };
                var inParts = new ReportIndexSearcher(searcher.IndexReader, kept.PostingsLists, parallel: new ParallelSearch(3, 1)) { Similarity = searcher.Similarity };
                var rare = Form((Bigrams.Length - 1, 3, 1));
                var (a, b, c) = (Form(forms[0]), Form(forms[1]), Form(forms[2]));
                var queries = new (bool Windowed, (Query Lucene, Query Ours) Query)[]
                {
                    (true, Of((Occur.MUST, a), (Occur.MUST, b))),
                    (true, Of((Occur.MUST, a), (Occur.MUST, b), (Occur.MUST, c))),
                    (true, Of((Occur.MUST, a), (Occur.MUST, b), (Occur.MUST_NOT, c))),
                    (true, Of((Occur.MUST, a), (Occur.MUST_NOT, rare))),
                    (true, Of((Occur.SHOULD, a), (Occur.SHOULD, b), (Occur.SHOULD, rare))),
                    (true, Of((Occur.MUST, Of((Occur.SHOULD, a), (Occur.SHOULD, rare))), (Occur.MUST, c))),
                    (false, Of((Occur.MUST, rare), (Occur.MUST, a))),
                };
                foreach (var (windowed, (lucene, ours)) in queries)
                {
                    AssertSameHits(searcher, lucene, ours);
                    for (var round = 0; round < 3; round++)
                    {
                        AssertSameHits(kept, lucene, ours);
                    }

                    // A search in parts collects in order, as the service's searches do, so its scorer is this query's
                    // own even for optional clauses (above, Lucene's searcher scores those out of order on both sides).
                    var parts = Enumerable.Range(0, inParts.Parts).Select(_ => new EveryHit()).ToArray();
                    inParts.Search(ours, parts);
                    Assert.Equal(
                        searcher.Search(lucene, reports.Length).ScoreDocs.Select(d => (d.Doc, d.Score)).OrderBy(d => d.Doc),
                        parts.SelectMany(p => p.Hits).Select(d => (d.Doc, d.Score)));

                    // Common terms are read in windows; a rare one leads Lucene's conjunction instead.
                    var scorer = searcher.CreateNormalizedWeight(ours).GetScorer(searcher.IndexReader.Leaves[^1], null);
                    Assert.Equal(windowed, scorer is WindowedBooleanQuery.WindowsScorer);
                }

                return 0;
            });
        }, iter: 8);
    }

    private static (Query Lucene, Query Ours) Form((int Bigram, int RequiredShape, int OptionalShape) form) =>
        (TermFormQueryTests.Lucene(form.Bigram, form.RequiredShape, form.OptionalShape), Ours(form.Bigram, form.RequiredShape, form.OptionalShape));

    private static (Query Lucene, Query Ours) Of(params (Occur Occur, (Query Lucene, Query Ours) Clause)[] clauses)
    {
        var (lucene, ours) = (new BooleanQuery(), new WindowedBooleanQuery());
        foreach (var (occur, clause) in clauses)
        {
            lucene.Add(clause.Lucene, occur);
            ours.Add(clause.Ours, occur);
        }

        return (lucene, ours);
    }
}
