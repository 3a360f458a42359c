using CsCheck;
using Lucene.Net.Search;
using SearchService.Indexing;
using static SearchService.Search.TermFormQueryTests;

namespace SearchService.Search;

public sealed class WindowedCollectionTests
{
    [Fact]
    public void WindowsGiveTheHitsAndScoresOfReportsOneAtATimeWholeInPartsAndToTheResultPage()
    {
        // As in the windowed queries' own test: windows ending inside segments, reports of common terms in runs and gaps.
        WindowedBooleanQueryTests.CommonTerms().Sample((reports, deleted, forms) =>
        {
            using var index = TestIndex.WithTitles(reports, deleted);
            index.Index.Read(searcher =>
            {
                var inParts = new ReportIndexSearcher(searcher.IndexReader, lists: null, parallel: new ParallelSearch(3, 1)) { Similarity = searcher.Similarity };
                var (a, b, c) = (Form(forms[0]), Form(forms[1]), Form(forms[2]));
                Query[] queries =
                [
                    a,
                    new WindowedBooleanQuery { { a, Occur.MUST }, { b, Occur.MUST }, { c, Occur.MUST_NOT } },
                    new WindowedBooleanQuery { { a, Occur.SHOULD }, { b, Occur.SHOULD } },
                    new MostWordsQuery { MinimumNumberShouldMatch = 2, Clauses = { new(a, Occur.SHOULD), new(b, Occur.SHOULD), new(c, Occur.SHOULD) } },
                ];
                foreach (var query in queries)
                {
                    foreach (var reader in new[] { searcher, inParts })
                    {
                        var (oneByOne, windowed) = (Parts(reader, windows: false), Parts(reader, windows: true));
                        reader.Search(query, oneByOne);
                        reader.Search(query, windowed);
                        Assert.Equal(Describe(oneByOne), Describe(windowed));
                        Assert.True(windowed.Sum(p => p.Windows) > 0 || windowed.All(p => p.Hits.Count == 0));
                        Assert.All(oneByOne, p => Assert.Equal(0, p.Windows));
                    }

                    // A result page's ranking takes windows; Lucene's collector for the same sort takes reports one at a time.
                    var sort = new Sort(SortField.FIELD_SCORE, inParts.Ids.SortField);
                    var lucene = TopFieldCollector.Create(sort, 10, null, true, true, false, true);
                    using var luceneCounter = new FacetCounter([lucene], inParts.Facets, [ReportFields.Year], [null]);
                    inParts.Search(query, luceneCounter.Parts);
                    var ours = Enumerable.Range(0, inParts.Parts).Select(_ => new TopHitsByScore(inParts.Ids, 10, null)).ToArray();
                    using var counter = new FacetCounter(ours, inParts.Facets, [ReportFields.Year], [null]);
                    inParts.Search(query, counter.Parts);
                    Assert.All(counter.Parts, part => Assert.True(((IWindowCollector)part).TakesWindows));
                    Assert.All(luceneCounter.Parts, part => Assert.False(((IWindowCollector)part).TakesWindows));
                    Assert.Equal(luceneCounter.TotalHits, counter.TotalHits);
                    Assert.Equal(lucene.GetTopDocs().ScoreDocs.Select(d => (d.Doc, d.Score)), TopHitsByScore.Merge(ours, 0, 10).Select(d => (d.Doc, d.Score)));
                }

                return 0;
            });
        }, iter: 6);
    }

    private static TermFormQuery Form((int Bigram, int RequiredShape, int OptionalShape) form) => Ours(form.Bigram, form.RequiredShape, form.OptionalShape);

    private static EveryHit[] Parts(IndexSearcher searcher, bool windows) =>
        [.. Enumerable.Range(0, (searcher as ReportIndexSearcher)?.Parts ?? 1).Select(_ => new EveryHit(windows))];

    private static string Describe(EveryHit[] parts) => string.Join(", ", parts.SelectMany(p => p.Hits).Select(h => $"{h.Doc}:{h.Score}"));
}
