using System.Buffers;
using System.Numerics;
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
/// the search. A common word searched before is summed from its frequencies by report (<see cref="TermByReport"/>),
/// many reports at a time.
/// </summary>
public sealed class MostWordsQuery : BooleanQuery
{
    /// <summary>Reports summed together (<see cref="MostWordsWeight"/>): their sums, a dozen bytes each, stay in the processor's nearest caches.</summary>
    internal int Window { get; init; } = 2048;

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
            var byReport = new TermByReport?[m_weights.Count];
            var scorers = new Scorer?[m_weights.Count];
            var matching = 0;
            for (var i = 0; i < m_weights.Count; i++)
            {
                if (_words[i] is { } word)
                {
                    (byReport[i], scorers[i]) = word.ByReportOrScorer(this, context, acceptDocs);
                }
                else
                {
                    scorers[i] = m_weights[i].GetScorer(context, acceptDocs);
                }

                matching += byReport[i] is not null || scorers[i] is not null ? 1 : 0;
            }

            if (matching < _query.MinimumNumberShouldMatch)
            {
                return null;
            }

            var counts = ArrayPool<int>.Shared.Rent(end - from);
            var scores = ArrayPool<double>.Shared.Rent(end - from);
            Array.Clear(counts, 0, end - from);
            Array.Clear(scores, 0, end - from);
            Sum(byReport, scorers, from, end, counts, scores);
            var coords = Enumerable.Range(0, m_weights.Count + 1).Select(n => Coord(n, MaxCoord)).ToArray();
            var accepted = acceptDocs is DocRangeBits part ? part.Live : acceptDocs;
            return new CountedScorer(this, counts, scores, from, end, accepted, _query.MinimumNumberShouldMatch, coords);
        }

        /// <summary>
        /// Adds every clause's reports in [from, end) to their counts and scores, window by window so the window's
        /// sums stay in the processor's cache while each clause adds to them, and in the clauses' order within
        /// each report, as Lucene's scorer sums. A term held by report adds to all the window's reports at once,
        /// deleted ones too (the scorer passes those over); any other clause adds its reports one at a time.
        /// </summary>
        private void Sum(TermByReport?[] byReport, Scorer?[] scorers, int from, int end, int[] counts, double[] scores)
        {
            for (var start = from; start < end; start += _query.Window)
            {
                var stop = Math.Min(end, start + _query.Window);
                var counter = new Counter(from, start, stop, counts, scores);
                for (var i = 0; i < byReport.Length; i++)
                {
                    if (byReport[i] is { } term)
                    {
                        term.AddFrom(start, counts.AsSpan(start - from, stop - start), scores.AsSpan(start - from));
                    }
                    else if (scorers[i] is { } clause)
                    {
                        ReportsScorer.Read(clause, ref counter); // a kept list or phrase directly
                    }
                }
            }
        }

        /// <summary>Adds a clause's reports in [from, end) to their counts and scores, at their place after <c>first</c>, the part's first report.</summary>
        private readonly struct Counter(int first, int from, int end, int[] counts, double[] scores) : IReportsReader, IScoreSink
        {
            public void Read<T>(T clause)
                where T : struct, IClauseReports => clause.AddUntil(from, end, this);

            public void Add(int doc, float score)
            {
                counts[doc - first]++;
                scores[doc - first] += score; // a double, as Lucene's scorer sums
            }
        }
    }

    /// <summary>
    /// The reports in [<paramref name="from"/>, <paramref name="end"/>) counted at least the minimum and accepted, in
    /// order, or a window of them at a time as bits (<see cref="WindowedCollection"/>): a sentence's words match most
    /// reports at 200,000, and one at a time each costs a call to move, one to collect and one to score it. The
    /// arrays go back to the pool once read through.
    /// </summary>
    internal sealed class CountedScorer(Weight weight, int[] counts, double[] scores, int from, int end, IBits? accepted, int minimum, float[] coords) : Scorer(weight), IWindowedClause
    {
        private int _doc = -1;
        private bool _returned;
        private ulong[]? _matched;
        private int _windowStart;

        public override int DocID => _doc;

        public override int Freq => counts[_doc - from];

        public override float GetScore() => ScoreAt(_doc);

        public override int NextDoc() => _doc == NO_MORE_DOCS ? NO_MORE_DOCS : Advance(_doc + 1);

        public override int Advance(int target)
        {
            _doc = FirstRequired(target);
            if (_doc == NO_MORE_DOCS)
            {
                Release();
            }

            return _doc;
        }

        public override long GetCost() => end;

        public int FirstRequired(int target)
        {
            for (var doc = Math.Max(target, from); doc < end; doc++)
            {
                var next = counts.AsSpan(doc - from, end - doc).IndexOfAnyInRange(minimum, int.MaxValue);
                if (next < 0)
                {
                    break;
                }

                doc += next;
                if (accepted is null || accepted.Get(doc))
                {
                    return doc;
                }
            }

            return NO_MORE_DOCS;
        }

        public ReadOnlySpan<ulong> ReadRequired(int start, int stop)
        {
            _matched ??= ArrayPool<ulong>.Shared.Rent(TermFormQuery.WindowScorer.Words);
            var matched = _matched.AsSpan(0, TermFormQuery.WindowScorer.Words);
            matched.Clear();
            _windowStart = start;
            stop = Math.Min(stop, end);
            for (var w = 0; start + (w << 6) < stop; w++)
            {
                var first = start + (w << 6);
                var window = counts.AsSpan(first - from, Math.Min(64, stop - first));
                var bits = 0UL;
                for (var i = 0; i < window.Length; i++)
                {
                    bits |= (window[i] >= minimum ? 1UL : 0UL) << i; // no branch: whether a report has enough words is a coin toss
                }

                // A report summed by report is counted even when deleted (TermByReport): the accepted ones are kept.
                for (var left = accepted is null ? 0UL : bits; left != 0; left &= left - 1)
                {
                    var i = BitOperations.TrailingZeroCount(left);
                    if (!accepted!.Get(first + i))
                    {
                        bits &= ~(1UL << i);
                    }
                }

                matched[w] = bits;
            }

            return matched;
        }

        /// <summary>Nothing more to read: the counts and scores were summed when the scorer was made.</summary>
        public void ReadOptional()
        {
        }

        public bool Matches(int doc) => TermFormQuery.WindowScorer.IsMatched(_matched!, doc - _windowStart);

        public float ScoreAt(int doc) => (float)scores[doc - from] * coords[counts[doc - from]];

        public void Release()
        {
            if (_returned)
            {
                return;
            }

            _returned = true;
            ArrayPool<int>.Shared.Return(counts);
            ArrayPool<double>.Shared.Return(scores);
            if (_matched is not null)
            {
                ArrayPool<ulong>.Shared.Return(_matched);
            }
        }
    }
}
