using System.Buffers;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SearchService.Search;

/// <summary>
/// Optional clauses of which at least <see cref="BooleanQuery.MinimumNumberShouldMatch"/> must match, counted one
/// clause at a time: the same hits and scores as the <see cref="BooleanQuery"/> it is. A sentence's dozen words are
/// each in most reports, and Lucene's scorer for such a query keeps every word in a heap and moves it report by
/// report; here each word's postings are read straight through, adding to a count and a score per report, and
/// the reports with enough words are then read off in order. A word that is one term is read from its postings and
/// scored by the similarity's scorer with the statistics Lucene's term weight would compute, not through a term
/// scorer: at 200k reports a sentence's words have some 3 million postings, and the scorer's calls were a sixth of
/// the search.
/// </summary>
public sealed class MostWordsQuery : BooleanQuery
{
    public override Weight CreateWeight(IndexSearcher searcher) =>
        MinimumNumberShouldMatch > 1 && Clauses.All(c => c.Occur == Occur.SHOULD)
            ? new MostWordsWeight(this, searcher)
            : base.CreateWeight(searcher);

    private sealed class MostWordsWeight : BooleanWeight
    {
        private readonly MostWordsQuery _query;

        // Each clause that is one term, by clause (null for others): its postings are read and scored here.
        private readonly TermWord?[] _words;

        public MostWordsWeight(MostWordsQuery query, IndexSearcher searcher) : base(query, searcher, disableCoord: false)
        {
            _query = query;
            _words = TermWord.Of(query.Clauses, searcher);
        }

        public override void Normalize(float norm, float topLevelBoost)
        {
            base.Normalize(norm, topLevelBoost);
            TermWord.Normalize(_words, norm, topLevelBoost * _query.Boost);
        }

        public override Scorer? GetScorer(AtomicReaderContext context, IBits? acceptDocs)
        {
            // Searched in parts (ParallelSearch), a scorer reads only its part's documents, counted from the part's first.
            var (from, end) = acceptDocs is DocRangeBits range ? (range.From, range.To) : (0, context.AtomicReader.MaxDoc);
            var counts = ArrayPool<int>.Shared.Rent(end - from);
            var scores = ArrayPool<double>.Shared.Rent(end - from);
            Array.Clear(counts, 0, end - from);
            Array.Clear(scores, 0, end - from);
            var matching = 0;
            var counter = new Counter(from, end, counts, scores);
            for (var i = 0; i < m_weights.Count; i++)
            {
                if (_words[i] is { } word)
                {
                    matching += word.Read(context, acceptDocs, ref counter) ? 1 : 0;
                }
                else if (m_weights[i].GetScorer(context, acceptDocs) is { } clause)
                {
                    matching++;
                    ReportsScorer.Read(clause, ref counter); // a kept phrase's list directly
                }
            }

            if (matching < _query.MinimumNumberShouldMatch)
            {
                ArrayPool<int>.Shared.Return(counts);
                ArrayPool<double>.Shared.Return(scores);
                return null;
            }

            var coords = Enumerable.Range(0, m_weights.Count + 1).Select(n => Coord(n, MaxCoord)).ToArray();
            return new CountedScorer(this, counts, scores, from, end, _query.MinimumNumberShouldMatch, coords);
        }

        /// <summary>Adds each clause's reports in [from, end) to their counts and scores, at their place after <c>from</c>.</summary>
        private readonly struct Counter(int from, int end, int[] counts, double[] scores) : IReportsReader, IScoreSink
        {
            public void Read<T>(T clause)
                where T : struct, IClauseReports => clause.AddUntil(from, end, this);

            public void Add(int doc, float score)
            {
                counts[doc - from]++;
                scores[doc - from] += score; // a double, as Lucene's scorer sums
            }
        }
    }

    /// <summary>The reports in [<paramref name="from"/>, <paramref name="end"/>) counted at least the minimum, in order; the arrays go back to the pool once read through.</summary>
    private sealed class CountedScorer(Weight weight, int[] counts, double[] scores, int from, int end, int minimum, float[] coords) : Scorer(weight)
    {
        private int _doc = -1;
        private bool _returned;

        public override int DocID => _doc;

        public override int Freq => counts[_doc - from];

        public override float GetScore() => (float)scores[_doc - from] * coords[counts[_doc - from]];

        public override int NextDoc() => _doc == NO_MORE_DOCS ? NO_MORE_DOCS : Advance(_doc + 1);

        public override int Advance(int target)
        {
            for (var doc = Math.Max(target, from); doc < end; doc++)
            {
                if (counts[doc - from] >= minimum)
                {
                    return _doc = doc;
                }
            }

            if (!_returned)
            {
                _returned = true;
                ArrayPool<int>.Shared.Return(counts);
                ArrayPool<double>.Shared.Return(scores);
            }

            return _doc = NO_MORE_DOCS;
        }

        public override long GetCost() => end;
    }
}
