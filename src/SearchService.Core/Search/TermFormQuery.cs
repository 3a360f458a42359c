using System.Buffers;
using System.Numerics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SearchService.Search;

/// <summary>
/// One form of a term where it is searched: a report matches when any clause of the required <see cref="Group"/>
/// does (the term in the body, the title, the place names), and the optional group's clauses (the term as a whole
/// word) add to its score: the same hits and scores as the <see cref="BooleanQuery"/> <c>+(…) (…)</c> it is. A
/// common word such as 政府 stands in nearly every report's body, title and place names at once, and Lucene's scorer
/// for that query moves five clauses through heaps report by report. Here each clause is read straight through a
/// window of reports into a sum per report, and the window's reports are then handed out in order (政府 over 200,000
/// reports: its top ten in 21 ms instead of 35), and so are reports asked for close together. A report asked for far
/// ahead, as the rarer term of a conjunction asks, is scored on its own. A clause that is one term is read from its
/// postings and scored by the similarity directly (<see cref="TermWord"/>), not through a term scorer.
/// </summary>
public sealed class TermFormQuery : BooleanQuery
{
    public TermFormQuery(Query required, Query? optional)
    {
        Add(required, Occur.MUST);
        if (optional is not null)
        {
            Add(optional, Occur.SHOULD);
        }
    }

    public override Weight CreateWeight(IndexSearcher searcher) => new TermFormWeight(this, searcher);

    /// <summary>Rewrites the clauses but, unlike a <see cref="BooleanQuery"/> of one clause, never drops itself.</summary>
    public override Query Rewrite(IndexReader reader)
    {
        TermFormQuery? clone = null;
        for (var i = 0; i < Clauses.Count; i++)
        {
            var clause = Clauses[i];
            var rewritten = clause.Query.Rewrite(reader);
            if (rewritten != clause.Query)
            {
                clone ??= (TermFormQuery)Clone();
                clone.Clauses[i] = new BooleanClause(rewritten, clause.Occur);
            }
        }

        return clone ?? this;
    }

    /// <summary>Optional clauses, any of which matches, scored as their sum: a <see cref="BooleanQuery"/> whose clauses <see cref="TermFormQuery"/> reads one by one.</summary>
    public sealed class Group : BooleanQuery
    {
        public override Weight CreateWeight(IndexSearcher searcher) => new GroupWeight(this, searcher);
    }

    private sealed class GroupWeight(Group group, IndexSearcher searcher) : BooleanWeight(group, searcher, disableCoord: false)
    {
        public IList<Weight> Clauses => m_weights;

        /// <summary>Each clause that is one term, by clause (null for others): the window reads its postings directly.</summary>
        public TermWord?[] Words { get; } = TermWord.Of(group.Clauses, searcher);

        public override void Normalize(float norm, float topLevelBoost)
        {
            base.Normalize(norm, topLevelBoost);
            TermWord.Normalize(Words, norm, topLevelBoost * group.Boost);
        }
    }

    internal sealed class TermFormWeight(TermFormQuery query, IndexSearcher searcher) : BooleanWeight(query, searcher, disableCoord: false)
    {
        // The form's own clauses that are one term (a group of one clause is rewritten to it).
        private readonly TermWord?[] _words = TermWord.Of(query.Clauses, searcher);

        public override void Normalize(float norm, float topLevelBoost)
        {
            base.Normalize(norm, topLevelBoost);
            TermWord.Normalize(_words, norm, topLevelBoost * query.Boost);
        }

        public override Scorer? GetScorer(AtomicReaderContext context, IBits? acceptDocs)
        {
            if (!Windowed)
            {
                return base.GetScorer(context, acceptDocs);
            }

            var required = ScorersOf(0, context, acceptDocs);
            if (required.Length == 0)
            {
                return null;
            }

            var optional = m_weights.Count > 1 ? ScorersOf(1, context, acceptDocs) : [];
            return new WindowScorer(this, required, optional);
        }

        /// <summary>
        /// Whether its scorers are <see cref="WindowScorer"/>s: their sums equal Lucene's only where no coordination
        /// factor scales them (BM25's are all 1).
        /// </summary>
        internal bool Windowed =>
            Uncoordinated(this, m_weights.Count) && m_weights.All(w => w is not GroupWeight g || Uncoordinated(g, g.Clauses.Count));

        private static bool Uncoordinated(BooleanWeight weight, int clauses)
        {
            for (var overlap = 0; overlap <= clauses; overlap++)
            {
                if (weight.Coord(overlap, weight.MaxCoord) != 1f)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The scorers of clause <paramref name="clause"/>'s group, or of the clause itself when a group of one was rewritten to it.</summary>
        private Scorer[] ScorersOf(int clause, AtomicReaderContext context, IBits? acceptDocs)
        {
            var (weights, words) = m_weights[clause] is GroupWeight group ? (group.Clauses, group.Words) : ([m_weights[clause]], [_words[clause]]);
            var scorers = new List<Scorer>(weights.Count);
            for (var i = 0; i < weights.Count; i++)
            {
                var scorer = words[i] is { } word ? word.Scorer(weights[i], context, acceptDocs) : weights[i].GetScorer(context, acceptDocs);
                if (scorer is not null)
                {
                    scorers.Add(scorer);
                }
            }

            return [.. scorers];
        }
    }

    /// <summary>
    /// Reports in order, each with the sum of the required clauses that match it and that of the optional ones, each
    /// sum in double and rounded to float as Lucene's disjunction does, then added as its required-optional scorer does.
    /// </summary>
    internal sealed class WindowScorer(Weight weight, Scorer[] required, Scorer[] optional) : Scorer(weight), IWindowedClause
    {
        internal const int Window = 2048;
        internal const int Words = Window / 64;
        // Reports asked for at most this far apart, as a conjunction led by another common term asks, are read as a
        // window rather than one by one (gaps of 16 to 256 measured alike; BENCHMARKS.md, step 22).
        internal const int CloseTogether = 16;

        private double[]? _requiredSums;
        private double[]? _optionalSums;
        private ulong[]? _matched;

        // The window read last, [_start, _end); empty when the current report was scored alone, into the two sums.
        private int _start;
        private int _end;
        private int _doc = -1;
        private double _requiredSum;
        private double _optionalSum;

        public override int DocID => _doc;

        /// <summary>The groups that match, as Lucene's required-optional scorer counts them (a match always scores above 0).</summary>
        public override int Freq => OptionalSum > 0 ? 2 : 1;

        public override float GetScore() => (float)RequiredSum + (float)OptionalSum;

        private double RequiredSum => _end > _start ? _requiredSums![_doc - _start] : _requiredSum;

        private double OptionalSum => _end > _start ? _optionalSums![_doc - _start] : _optionalSum;

        public override int NextDoc()
        {
            if (_doc == NO_MORE_DOCS)
            {
                return NO_MORE_DOCS;
            }

            var next = _doc + 1;
            if (next < _end && NextMatched(next - _start) is var i and >= 0)
            {
                return _doc = _start + i;
            }

            return _doc = ReadWindow(Math.Max(next, _end));
        }

        public override int Advance(int target)
        {
            if (target < _end && NextMatched(Math.Max(0, target - _start)) is var i and >= 0)
            {
                return _doc = _start + i;
            }

            return _doc = _doc >= 0 && target - _doc <= CloseTogether ? ReadWindow(Math.Max(target, _end)) : ScoreAlone(target);
        }

        public override long GetCost() => required.Sum(s => s.GetCost());

        /// <summary>Reads every clause through the window that starts at the first required match at or after <paramref name="target"/>.</summary>
        private int ReadWindow(int target) =>
            this.ReadNextWindow(target, NO_MORE_DOCS, out _) is var start && start == NO_MORE_DOCS ? Exhausted() : start;

        /// <summary>The end of the window that starts at <paramref name="start"/>.</summary>
        internal static int WindowEnd(int start) => start > NO_MORE_DOCS - Window ? NO_MORE_DOCS : start + Window;

        /// <summary>
        /// Reads the required clauses through [<paramref name="start"/>, <paramref name="end"/>), a window at most,
        /// into their sums; returns the reports matched there, a bit each from <paramref name="start"/>. With
        /// <see cref="ReadOptional"/> after it, <see cref="ScoreAt"/> scores any matched report.
        /// </summary>
        public ReadOnlySpan<ulong> ReadRequired(int start, int end)
        {
            _requiredSums ??= ArrayPool<double>.Shared.Rent(Window);
            _matched ??= ArrayPool<ulong>.Shared.Rent(Words);
            Array.Clear(_requiredSums, 0, Window);
            Array.Clear(_matched, 0, Words);
            AddAll(required, _requiredSums, _matched, start, end);
            (_start, _end) = (start, end);
            return _matched.AsSpan(0, Words);
        }

        /// <summary>Reads the optional clauses through the window <see cref="ReadRequired"/> read last.</summary>
        public void ReadOptional()
        {
            _optionalSums ??= ArrayPool<double>.Shared.Rent(Window);
            Array.Clear(_optionalSums, 0, Window);
            AddAll(optional, _optionalSums, matches: null, _start, _end);
        }

        public bool Matches(int doc) => IsMatched(_matched!, doc - _start);

        /// <summary>The score of <paramref name="doc"/>, matched in the window read last, as <see cref="GetScore"/> gives it.</summary>
        public float ScoreAt(int doc) => (float)_requiredSums![doc - _start] + (float)_optionalSums![doc - _start];

        /// <summary>
        /// Adds the score of each report in [<paramref name="start"/>, <paramref name="end"/>) of each clause to its
        /// sum and, for the required clauses, marks it matched. An optional clause's sum of a report no required
        /// clause matched is never read.
        /// </summary>
        private static void AddAll(Scorer[] clauses, double[] sums, ulong[]? matches, int start, int end)
        {
            var adder = new Adder(sums, matches, start, end);
            foreach (var clause in clauses)
            {
                ReportsScorer.Read(clause, ref adder);
            }
        }

        private readonly struct Adder(double[] sums, ulong[]? matches, int start, int end) : IReportsReader, IScoreSink
        {
            public void Read<T>(T clause)
                where T : struct, IClauseReports => clause.AddUntil(start, end, this);

            public void Add(int doc, float score)
            {
                sums[doc - start] += score;
                if (matches is not null)
                {
                    matches[(doc - start) >> 6] |= 1UL << (doc - start);
                }
            }
        }

        /// <summary>Scores the first required match at or after <paramref name="target"/> on its own, leaving no window.</summary>
        private int ScoreAlone(int target)
        {
            var doc = FirstRequired(target);
            if (doc == NO_MORE_DOCS)
            {
                return Exhausted();
            }

            (_requiredSum, _optionalSum) = (0, 0);
            foreach (var clause in required)
            {
                if (clause.DocID == doc)
                {
                    _requiredSum += clause.GetScore();
                }
            }

            foreach (var clause in optional)
            {
                if ((clause.DocID < doc ? clause.Advance(doc) : clause.DocID) == doc)
                {
                    _optionalSum += clause.GetScore();
                }
            }

            (_start, _end) = (0, 0);
            return doc;
        }

        /// <summary>The first report at or after <paramref name="target"/> that a required clause matches.</summary>
        public int FirstRequired(int target)
        {
            var first = NO_MORE_DOCS;
            foreach (var clause in required)
            {
                first = Math.Min(first, clause.DocID < target ? clause.Advance(target) : clause.DocID);
            }

            return first;
        }

        /// <summary>Gives back the window's arrays; the scorer reads no further.</summary>
        public void Release()
        {
            (_start, _end) = (0, 0);
            Return(ref _requiredSums);
            Return(ref _optionalSums);
            Return(ref _matched);
        }

        private int Exhausted()
        {
            Release();
            return NO_MORE_DOCS;
        }

        private int NextMatched(int from) => NextMatched(_matched, from);

        /// <summary>Whether a window's <paramref name="matched"/> bits hold offset <paramref name="offset"/>.</summary>
        internal static bool IsMatched(ulong[] matched, int offset) => (matched[offset >> 6] & (1UL << offset)) != 0;

        /// <summary>The first offset in a window's <paramref name="matched"/> bits at or after <paramref name="from"/>, or -1.</summary>
        internal static int NextMatched(ReadOnlySpan<ulong> matched, int from)
        {
            for (var w = from >> 6; w < Words; w++)
            {
                var bits = matched[w] & (w == from >> 6 ? ~0UL << from : ~0UL);
                if (bits != 0)
                {
                    return (w << 6) + BitOperations.TrailingZeroCount(bits);
                }
            }

            return -1;
        }

        private static void Return<T>(ref T[]? array)
        {
            if (array is not null)
            {
                ArrayPool<T>.Shared.Return(array);
                array = null;
            }
        }
    }
}
