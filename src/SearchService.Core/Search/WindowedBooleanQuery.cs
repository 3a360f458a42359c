using System.Buffers;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SearchService.Search;

/// <summary>
/// The query language's Boolean query: the same hits and scores as a <see cref="BooleanQuery"/>. Where its clauses
/// are term forms (<see cref="TermFormQuery"/>) or such queries of them, all required with any excluded (行政复议
/// 行政诉讼, 行政执法 AND 持证上岗 NOT 乡镇) or all optional (禁毒 OR 扫黑除恶), and the reports it leads with are
/// most of them, the clauses are read a window of reports at a time: each term's window into its sums and a bit per
/// report it matches, the bits combined, and the reports left scored from the sums. Lucene's conjunction and
/// disjunction move every clause report by report, and at 200,000 reports two common terms share 100,000 of them.
/// </summary>
public sealed class WindowedBooleanQuery(bool disableCoord = false) : BooleanQuery(disableCoord)
{
    public override Weight CreateWeight(IndexSearcher searcher) => new WindowedWeight(this, searcher);

    private sealed class WindowedWeight(WindowedBooleanQuery query, IndexSearcher searcher) : BooleanWeight(query, searcher, query.CoordDisabled)
    {
        /// <summary>
        /// Whether its clauses can be read in windows: each a term form or such a query, either all optional or
        /// some required and the rest excluded, and no coordination factor scaling a sum (BM25's are all 1).
        /// </summary>
        public bool Windowed
        {
            get
            {
                var occurs = query.Clauses.Select(c => c.Occur).ToHashSet();
                var shape = occurs.SetEquals([Occur.SHOULD]) ? query.MinimumNumberShouldMatch <= 1 : !occurs.Contains(Occur.SHOULD) && occurs.Contains(Occur.MUST);
                return shape
                    && m_weights.Count > 1
                    && Enumerable.Range(0, m_weights.Count + 1).All(n => Coord(n, MaxCoord) == 1f)
                    && m_weights.All(w => w is TermFormQuery.TermFormWeight { Windowed: true } or WindowedWeight { Windowed: true });
            }
        }

        public override Scorer? GetScorer(AtomicReaderContext context, IBits? acceptDocs)
        {
            if (!Windowed)
            {
                return base.GetScorer(context, acceptDocs);
            }

            if (Clauses(context, acceptDocs) is not { } clauses)
            {
                return null;
            }

            // Windows pay where the reports a search leads with stand as close together as a term form reads in
            // windows; rarer ones lead Lucene's conjunction, which asks the other terms for those reports only.
            var reports = acceptDocs is DocRangeBits part ? part.To - part.From : context.AtomicReader.MaxDoc;
            if (clauses.GetCost() * TermFormQuery.WindowScorer.CloseTogether < reports)
            {
                // Lucene's scorer makes its clauses again: nothing of theirs has been read, but their kept lists are
                // looked up (and counted as used) twice in such a segment.
                clauses.Release();
                return base.GetScorer(context, acceptDocs);
            }

            return new WindowsScorer(this, clauses);
        }

        /// <summary>The clauses in <paramref name="context"/> to be read in windows, or null when the query matches no report there.</summary>
        private Windows? Clauses(AtomicReaderContext context, IBits? acceptDocs)
        {
            var (required, excluded, optional) = (new List<IWindowedClause>(), new List<IWindowedClause>(), new List<IWindowedClause>());
            for (var i = 0; i < m_weights.Count; i++)
            {
                var clause = m_weights[i] is WindowedWeight inner ? inner.Clauses(context, acceptDocs) : m_weights[i].GetScorer(context, acceptDocs) as IWindowedClause;
                var occur = query.Clauses[i].Occur;
                if (clause is null && occur == Occur.MUST)
                {
                    return null;
                }

                if (clause is not null)
                {
                    (occur switch { Occur.MUST => required, Occur.MUST_NOT => excluded, _ => optional }).Add(clause);
                }
            }

            // Lucene's conjunction sums its clauses' scores rarest first (a stable sort by cost); so does this one.
            return required.Count > 0 ? new Windows([.. required.OrderBy(c => c.GetCost())], [.. excluded], AnyOf: false)
                : optional.Count > 0 ? new Windows([.. optional], [], AnyOf: true)
                : null;
        }
    }

    /// <summary>
    /// Clauses read a window at a time: a report matches when all the clauses do (none excluded), or, for
    /// <paramref name="AnyOf"/>, any of them; it scores as Lucene's conjunction (a sum in single precision, rarest
    /// clause first) or disjunction (in double precision, rounded) scores it.
    /// </summary>
    internal sealed class Windows(IWindowedClause[] clauses, IWindowedClause[] excluded, bool AnyOf) : IWindowedClause
    {
        private readonly ulong[] _matched = ArrayPool<ulong>.Shared.Rent(TermFormQuery.WindowScorer.Words);
        private int _start;

        /// <summary>The cost of the clauses a search moves through, as Lucene's scorers give it: the rarest required one, or all optional ones.</summary>
        public long GetCost() => AnyOf ? clauses.Sum(c => c.GetCost()) : clauses[0].GetCost();

        public int FirstRequired(int target) => AnyOf ? clauses.Min(c => c.FirstRequired(target)) : clauses[0].FirstRequired(target);

        public ReadOnlySpan<ulong> ReadRequired(int start, int end)
        {
            _start = start;
            var matched = _matched.AsSpan(0, TermFormQuery.WindowScorer.Words);
            clauses[0].ReadRequired(start, end).CopyTo(matched);
            var any = true;
            for (var c = 1; c < clauses.Length && (any || AnyOf); c++)
            {
                any = Combine(matched, clauses[c].ReadRequired(start, end), AnyOf ? Bits.Or : Bits.And);
            }

            for (var c = 0; c < excluded.Length && any; c++)
            {
                any = Combine(matched, excluded[c].ReadRequired(start, end), Bits.AndNot);
            }

            return matched;
        }

        /// <summary>Reads the clauses' optional sums; excluded clauses add nothing to a score.</summary>
        public void ReadOptional()
        {
            foreach (var clause in clauses)
            {
                clause.ReadOptional();
            }
        }

        public bool Matches(int doc) => TermFormQuery.WindowScorer.IsMatched(_matched, doc - _start);

        /// <summary>The first offset matched in the window read last at or after <paramref name="from"/>, or -1.</summary>
        public int NextMatched(int from) => TermFormQuery.WindowScorer.NextMatched(_matched, from);

        /// <summary>The clauses that match <paramref name="doc"/>, as Lucene's scorers count them.</summary>
        public int Freq(int doc) => AnyOf ? clauses.Count(c => c.Matches(doc)) : clauses.Length;

        public float ScoreAt(int doc)
        {
            if (AnyOf)
            {
                var sum = 0d;
                foreach (var clause in clauses)
                {
                    sum += clause.Matches(doc) ? clause.ScoreAt(doc) : 0;
                }

                return (float)sum;
            }

            var score = 0f;
            foreach (var clause in clauses)
            {
                score += clause.ScoreAt(doc);
            }

            return score;
        }

        public void Release()
        {
            ArrayPool<ulong>.Shared.Return(_matched);
            foreach (var clause in clauses.Concat(excluded))
            {
                clause.Release();
            }
        }

        private static bool Combine(Span<ulong> matched, ReadOnlySpan<ulong> other, Bits how)
        {
            var any = false;
            for (var w = 0; w < matched.Length; w++)
            {
                matched[w] = how switch { Bits.And => matched[w] & other[w], Bits.Or => matched[w] | other[w], _ => matched[w] & ~other[w] };
                any |= matched[w] != 0;
            }

            return any;
        }

        private enum Bits
        {
            And,
            Or,
            AndNot,
        }
    }

    /// <summary>The reports the clauses match, window by window, in order.</summary>
    internal sealed class WindowsScorer : Scorer
    {
        private readonly Windows _clauses;

        // The window read last, [_start, _end).
        private int _start;
        private int _end;
        private int _doc = -1;

        internal WindowsScorer(Weight weight, Windows clauses) : base(weight) => _clauses = clauses;

        /// <summary>The clauses this scorer reads, for reading them a window at a time instead (<see cref="WindowedCollection"/>).</summary>
        internal IWindowedClause Clauses => _clauses;

        public override int DocID => _doc;

        public override int Freq => _clauses.Freq(_doc);

        public override float GetScore() => _clauses.ScoreAt(_doc);

        public override int NextDoc() => _doc == NO_MORE_DOCS ? NO_MORE_DOCS : Advance(_doc + 1);

        public override int Advance(int target)
        {
            while (true)
            {
                if (target < _end && _clauses.NextMatched(Math.Max(0, target - _start)) is var i and >= 0)
                {
                    return _doc = _start + i;
                }

                var start = _clauses.ReadNextWindow(Math.Max(target, _end), NO_MORE_DOCS, out _);
                if (start == NO_MORE_DOCS)
                {
                    if (_doc != NO_MORE_DOCS)
                    {
                        _clauses.Release();
                    }

                    (_start, _end) = (0, 0);
                    return _doc = NO_MORE_DOCS;
                }

                (_start, _end) = (start, TermFormQuery.WindowScorer.WindowEnd(start));
                target = start;
            }
        }

        public override long GetCost() => _clauses.GetCost();
    }
}

/// <summary>A clause read a window of reports at a time (<see cref="WindowedBooleanQuery"/>).</summary>
internal interface IWindowedClause
{
    long GetCost();

    /// <summary>The first report at or after <paramref name="target"/> that may match: a window starts there.</summary>
    int FirstRequired(int target);

    /// <summary>Reads what decides a match through [<paramref name="start"/>, <paramref name="end"/>), a window at most; returns the reports matched, a bit each from <paramref name="start"/>.</summary>
    ReadOnlySpan<ulong> ReadRequired(int start, int end);

    /// <summary>Reads the rest of the window's scores, for a window with matches.</summary>
    void ReadOptional();

    /// <summary>Whether <paramref name="doc"/> matched in the window read last.</summary>
    bool Matches(int doc);

    /// <summary>The score of <paramref name="doc"/>, matched in the window read last.</summary>
    float ScoreAt(int doc);

    /// <summary>Gives back what the reading holds; nothing is read after.</summary>
    void Release();
}
