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

        // Windows of any size, vectors' widths or not, cut the segments and the parts anywhere.
        Gen.Select(text.Array[14, 40], sentence.Array[8], Gen.Int[1, 40]).Sample((texts, sentences, window) =>
        {
            using var index = TestIndex.InTwoSegments(texts, deleted: "r02");
            index.Index.Read(searcher =>
            {
                // Every common word kept as a list once searched before (those in a quarter of a segment's reports
                // also by report): three searches count, build and read them.
                var kept = new ReportIndexSearcher(searcher.IndexReader, new PostingsListCache(1 << 24, minReports: 1)) { Similarity = searcher.Similarity };
                var inParts = new ReportIndexSearcher(searcher.IndexReader, kept.PostingsLists, parallel: new ParallelSearch(3, 1)) { Similarity = searcher.Similarity };
                foreach (var (words, minimum) in sentences)
                {
                    // Boosted, as a sentence is beside a query's other terms: each word's weight carries the boost.
                    var (lucene, ours) = (new BooleanQuery { MinimumNumberShouldMatch = minimum, Boost = 1.5f }, new MostWordsQuery { MinimumNumberShouldMatch = minimum, Boost = 1.5f, Window = window });
                    for (var i = 0; i < words.Length; i++)
                    {
                        lucene.Add(Word(words[i], grouped: i % 2 == 1), Occur.SHOULD);
                        ours.Add(Word(words[i], grouped: i % 2 == 1), Occur.SHOULD);
                    }

                    AssertSameHits(searcher.Search(lucene, 20).ScoreDocs, searcher.Search(ours, 20).ScoreDocs);
                    for (var round = 0; round < 3; round++)
                    {
                        AssertSameHits(searcher.Search(lucene, 20).ScoreDocs, kept.Search(ours, 20).ScoreDocs);
                    }

                    // In parts, the reports one at a time and, as a result page's ranking takes them, a window at a time.
                    foreach (var windows in new[] { false, true })
                    {
                        var parts = Enumerable.Range(0, inParts.Parts).Select(_ => new EveryHit(windows)).ToArray();
                        inParts.Search(ours, parts);
                        AssertSameHits(searcher.Search(lucene, texts.Length).ScoreDocs, [.. parts.SelectMany(p => p.Hits)]);
                        Assert.Equal(windows && parts.Any(p => p.Hits.Count > 0), parts.Sum(p => p.Windows) > 0);
                    }

                    var beside = new TermQuery(new Term(ReportFields.BodyBigrams, "建设"));
                    AssertSameHits(
                        searcher.Search(new BooleanQuery { { lucene, Occur.MUST }, { beside, Occur.MUST } }, 20).ScoreDocs,
                        searcher.Search(new BooleanQuery { { ours, Occur.MUST }, { beside, Occur.MUST } }, 20).ScoreDocs);
                    foreach (var hit in searcher.Search(ours, 20).ScoreDocs)
                    {
                        AssertClose(searcher.Explain(lucene, hit.Doc).Value, searcher.Explain(ours, hit.Doc).Value);
                    }
                }

                Assert.True(kept.PostingsLists!.Uses > 0); // lists were read, not only built
                return 0;
            });
        }, iter: 30);
    }

    // A word is one term (its postings read directly) or, as a word with synonyms is, a group read by its scorer
    // (here with a synonym no report holds; a group of one clause would be rewritten to the term).
    private static Query Word(string word, bool grouped)
    {
        var term = new TermQuery(new Term(ReportFields.BodyBigrams, word));
        return grouped ? new BooleanQuery { { term, Occur.SHOULD }, { new TermQuery(new Term(ReportFields.BodyBigrams, "无此")), Occur.SHOULD } } : term;
    }

    private static void AssertSameHits(ScoreDoc[] expected, ScoreDoc[] actual)
    {
        Assert.Equal(expected.Select(d => d.Doc).Order(), actual.Select(d => d.Doc).Order());
        var scores = actual.ToDictionary(d => d.Doc, d => d.Score);
        foreach (var hit in expected)
        {
            AssertClose(hit.Score, scores[hit.Doc]);
        }
    }

    // Lucene sums a report's word scores in its own order (in floats where every word must match), so the last bits
    // may differ: a relative tolerance, as rounding to decimal places splits two equal scores either side of a digit.
    private static void AssertClose(float expected, float actual) =>
        Assert.Equal(expected, actual, tolerance: 1e-5 * Math.Max(1, Math.Abs(expected)));
}
