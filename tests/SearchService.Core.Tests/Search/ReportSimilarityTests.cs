using CsCheck;
using Lucene.Net.Index;
using SearchService.Indexing;

namespace SearchService.Search;

public sealed class ReportSimilarityTests
{
    [Fact]
    public void AKeptListScoresEveryReportToTheLastBitAsBm25sScorerDoes()
    {
        // Reports of every length from a few characters to a few thousand, so their norms span many bytes.
        var text = Gen.Int[1, 3000].Select(length => string.Concat(Enumerable.Repeat("法治政府建设，", length / 7 + 1))[..length]);
        var boost = Gen.Float[0.01f, 20f];
        Gen.Select(text.Array[30, 80], boost, boost, Gen.Int[1, 400]).Sample((texts, queryBoost, topLevelBoost, frequency) =>
        {
            using var index = TestIndex.InTwoSegments(texts);
            index.Index.Read(searcher =>
            {
                var similarity = Assert.IsType<ReportSimilarity>(searcher.Similarity);
                var term = new Term(ReportFields.BodyBigrams, "法治");
                var (collection, statistics) = (searcher.CollectionStatistics(term.Field), searcher.TermStatistics(term, TermContext.Build(searcher.TopReaderContext, term)));
                var stats = similarity.ComputeWeight(queryBoost, collection, statistics);
                stats.Normalize(1, topLevelBoost);
                var scoring = similarity.Scoring(queryBoost, topLevelBoost, collection, statistics);
                foreach (var segment in searcher.IndexReader.Leaves)
                {
                    var (scorer, norms) = (similarity.GetSimScorer(stats, segment), segment.AtomicReader.GetNormValues(term.Field));
                    for (var doc = 0; doc < segment.AtomicReader.MaxDoc; doc++)
                    {
                        var freq = frequency + doc;
                        Assert.Equal(
                            BitConverter.SingleToInt32Bits(scorer.Score(doc, freq)),
                            BitConverter.SingleToInt32Bits(scoring.Score(freq, (byte)norms.Get(doc))));
                    }
                }

                return 0;
            });
        }, iter: 40);
    }
}
