using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SearchService.Search;

/// <summary>
/// Collects the hits of a query in one pass with multi-select facet counts: a document that passes every
/// filter is a hit and counts in every dimension; one that fails only dimension D's filter still counts in D,
/// so D's other values stay visible while D is filtered (drill-sideways).
/// </summary>
/// <remarks>
/// The documents are kept and counted when the counts are first read, one dimension and one segment at a time, so
/// a dimension's common values are counted over a bit set of the hits (<see cref="FacetState.SegmentOrdinals"/>):
/// the hits in every dimension, and with filters, apart, the documents that failed only dimension D's filter, in D.
/// Without filters and accepting every document, when the hits are most of the index, the reports that did not
/// match are counted instead and taken from the whole index's counts, so a common term costs what a rare one does.
/// The count arrays are pooled and rented only when counting needs them (cited laws and document numbers alone have
/// tens of thousands of values); dispose the counter when done, which also returns the kept documents.
/// </remarks>
public sealed class FacetCounter : IDisposable
{
    private readonly FacetState _state;
    private readonly string[] _dimensions;
    private readonly bool[]?[] _allowed;
    private readonly bool _filtered;
    private readonly bool _acceptsAll;
    private readonly Part[] _parts;
    private readonly ParallelSearch _parallel;
    private int[][] _counts = [];
    private bool _counted;
    private bool _disposed;

    // After counting, the parts' documents in one list per kind, in document order.
    private KeptDocs _kept = new();
    private KeptDocs?[] _failedOnly = [];

    /// <param name="hits">
    /// Receives the documents that pass every filter: one collector per part of the index searched at once
    /// (<see cref="ReportIndexSearcher.Search(Lucene.Net.Search.Query, IReadOnlyList{ICollector})"/>), in the order of the parts.
    /// </param>
    /// <param name="state">The searcher's facet state.</param>
    /// <param name="dimensions">The dimensions to count.</param>
    /// <param name="filters">Per dimension (same order), the allowed ordinals, or null for no filter.</param>
    /// <param name="accept">Makes, per part, a further condition on each document (segment, doc), applied before any counting.</param>
    /// <param name="parallel">How the index's searches run in parts; with more than one part, the hits are counted in as many shares of the index, at once while cores are idle.</param>
    public FacetCounter(
        IReadOnlyList<ICollector> hits, FacetState state, string[] dimensions, bool[]?[] filters, Func<Func<AtomicReaderContext, int, bool>>? accept = null, ParallelSearch? parallel = null)
    {
        _parallel = parallel ?? ParallelSearch.None;
        _state = state;
        _dimensions = dimensions;
        _allowed = filters;
        _filtered = filters.Any(f => f is not null);
        _acceptsAll = accept is null;
        _parts = [.. hits.Select(h => new Part(this, h, accept?.Invoke()))];
    }

    /// <summary>The collectors to search with, one per part of the index, in the order of the parts.</summary>
    public IReadOnlyList<ICollector> Parts => _parts;

    /// <summary>The count of each ordinal of dimension <paramref name="d"/> (in the order counted); valid until disposed.</summary>
    public ReadOnlySpan<int> CountsOf(int d)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_counted)
        {
            // Only now: exports and trend tables collect hits without ever reading counts.
            _counts = RentCounts();
            CountKept();
            ReleaseKept();
            _counted = true;
        }

        return _counts[d].AsSpan(0, _state[_dimensions[d]].Values.Length);
    }

    /// <summary>The count of each ordinal of one of the counted dimensions; valid until disposed.</summary>
    public ReadOnlySpan<int> CountsOf(string dimension) => CountsOf(Array.IndexOf(_dimensions, dimension));

    /// <summary>Documents that passed every filter.</summary>
    public int TotalHits => _parts.Sum(p => p.Kept.Count);

    /// <summary>A count array per dimension, pooled, each cleared over its dimension's values.</summary>
    private int[][] RentCounts()
    {
        var counts = new int[_dimensions.Length][];
        for (var d = 0; d < _dimensions.Length; d++)
        {
            var length = _state[_dimensions[d]].Values.Length;
            counts[d] = ArrayPool<int>.Shared.Rent(length);
            Array.Clear(counts[d], 0, length);
        }

        return counts;
    }

    private void ReleaseKept()
    {
        _kept.Release();
        foreach (var failed in _failedOnly)
        {
            failed?.Release();
        }

        foreach (var part in _parts)
        {
            part.Release();
        }
    }

    /// <summary>
    /// The parts' documents as one list per kind. Parts cover consecutive ranges of documents, so appending them in
    /// order keeps each segment's documents ascending, a segment split between parts one run again.
    /// </summary>
    private void MergeParts()
    {
        if (_parts.Length == 1)
        {
            (_kept, _failedOnly) = (_parts[0].Kept, _parts[0].FailedOnly);
            return;
        }

        _failedOnly = [.. _allowed.Select(f => f is null ? null : new KeptDocs())];
        foreach (var part in _parts)
        {
            _kept.Append(part.Kept);
            for (var d = 0; d < _failedOnly.Length; d++)
            {
                _failedOnly[d]?.Append(part.FailedOnly[d]!);
            }

            part.Release();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ReleaseKept();
        foreach (var counts in _counts)
        {
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    private void CountKept()
    {
        if (_dimensions.Length == 0)
        {
            return;
        }

        MergeParts();

        // Every segment must have been seen for the unmatched reports to be known.
        var complement = _acceptsAll && !_filtered && _kept.Count > _state.LiveDocs / 2
            && _kept.Segments == _state.SegmentCount;
        if (complement)
        {
            for (var d = 0; d < _dimensions.Length; d++)
            {
                _state.LiveCounts(_dimensions[d]).CopyTo(_counts[d], 0);
            }
        }

        // At 200,000 reports a common term leaves tens of thousands of reports to count in every dimension, a fifth
        // of its search: on idle cores, each share of the index is counted on its own and the shares added up.
        var shares = _parts.Length > 1 && _parallel.Idle(_parts.Length) ? _parts.Length : 1;
        var last = _kept.Segments == 0 ? null : _kept.Segment(_kept.Segments - 1, out _);
        var maxDoc = last is null ? 0L : last.DocBase + last.AtomicReader.MaxDoc;
        var counts = new int[shares][][];
        _parallel.Run(shares, share =>
        {
            counts[share] = share == 0 ? _counts : RentCounts();
            CountShare(counts[share], (int)(maxDoc * share / shares), (int)(maxDoc * (share + 1) / shares), complement);
        });

        for (var share = 1; share < shares; share++)
        {
            for (var d = 0; d < _dimensions.Length; d++)
            {
                Add(_counts[d].AsSpan(0, _state[_dimensions[d]].Values.Length), counts[share][d]);
                ArrayPool<int>.Shared.Return(counts[share][d]);
            }
        }

        for (var d = 0; d < _dimensions.Length; d++)
        {
            for (var s = 0; _failedOnly[d] is { } failed && s < failed.Segments; s++)
            {
                var segment = failed.Segment(s, out var docs);
                CountInto(_counts, segment, docs, d, d + 1, 1);
            }
        }
    }

    /// <summary>
    /// Counts the kept documents (or, for <paramref name="complement"/>, the live ones not kept, subtracted) among the
    /// index's documents [<paramref name="start"/>, <paramref name="stop"/>).
    /// </summary>
    private void CountShare(int[][] counts, int start, int stop, bool complement)
    {
        for (var s = 0; s < _kept.Segments; s++)
        {
            var segment = _kept.Segment(s, out var docs);
            var (from, to) = (Math.Max(0, start - segment.DocBase), Math.Min(segment.AtomicReader.MaxDoc, stop - segment.DocBase));
            if (from >= to)
            {
                continue;
            }

            docs = docs[FirstAtOrAfter(docs, from)..FirstAtOrAfter(docs, to)];
            var others = complement ? ArrayPool<int>.Shared.Rent(to - from) : null;
            if (others is not null)
            {
                docs = FacetState.LiveDocsExcept(segment.AtomicReader, docs, others, from, to);
            }

            CountInto(counts, segment, docs, 0, _dimensions.Length, complement ? -1 : 1);
            if (others is not null)
            {
                ArrayPool<int>.Shared.Return(others);
            }
        }

        static int FirstAtOrAfter(ReadOnlySpan<int> docs, int doc)
        {
            var at = docs.BinarySearch(doc);
            return at >= 0 ? at : ~at;
        }
    }

    /// <summary>Adds a share's counts into the search's, a vector's width at a time (the document numbers alone have 180,000 values at 200k).</summary>
    private static void Add(Span<int> into, ReadOnlySpan<int> more)
    {
        var i = 0;
        for (; i <= into.Length - Vector<int>.Count; i += Vector<int>.Count)
        {
            (new Vector<int>(into[i..]) + new Vector<int>(more[i..])).CopyTo(into[i..]);
        }

        for (; i < into.Length; i++)
        {
            into[i] += more[i];
        }
    }

    /// <summary>Counts <paramref name="docs"/> of <paramref name="segment"/> in dimensions [<paramref name="from"/>, <paramref name="to"/>).</summary>
    private void CountInto(int[][] counts, AtomicReaderContext segment, ReadOnlySpan<int> docs, int from, int to, int step)
    {
        var hits = new FacetState.SegmentHits(docs);
        for (var d = from; d < to; d++)
        {
            _state[_dimensions[d]].Segments[segment.Ord].CountInto(counts[d], ref hits, step);
        }

        hits.Dispose();
    }

    /// <summary>
    /// Collects one part of the index: filters, the further condition and the documents kept, so parts searched at
    /// once share nothing they write.
    /// </summary>
    private sealed class Part(FacetCounter counter, ICollector hits, Func<AtomicReaderContext, int, bool>? accept) : IWindowCollector
    {
        private readonly FacetState.SegmentOrdinals[] _segment = new FacetState.SegmentOrdinals[counter._dimensions.Length];
        private AtomicReaderContext? _context;

        // The hits, counted in every dimension; per filtered dimension, the documents that failed only its filter.
        public KeptDocs Kept { get; } = new();

        public KeptDocs?[] FailedOnly { get; } = [.. counter._allowed.Select(f => f is null ? null : new KeptDocs())];

        public bool AcceptsDocsOutOfOrder => false;

        public void SetScorer(Scorer scorer) => hits.SetScorer(scorer);

        public void SetNextReader(AtomicReaderContext context)
        {
            _context = context;
            for (var d = 0; d < _segment.Length; d++)
            {
                _segment[d] = counter._state[counter._dimensions[d]].Segments[context.Ord];
            }

            Kept.StartSegment(context);
            foreach (var failed in FailedOnly)
            {
                failed?.StartSegment(context);
            }

            hits.SetNextReader(context);
        }

        /// <summary>Windows where the hits are ranked by score, as a result page's are; its scores are then given, not asked.</summary>
        public bool TakesWindows => hits is TopHitsByScore;

        public void Collect(int doc)
        {
            if (Keep(doc))
            {
                hits.Collect(doc);
            }
        }

        public void CollectWindow(int start, ReadOnlySpan<ulong> matched, IWindowedClause scores)
        {
            var top = (TopHitsByScore)hits;
            for (var w = 0; w < matched.Length; w++)
            {
                for (var bits = matched[w]; bits != 0; bits &= bits - 1)
                {
                    var doc = start + (w << 6) + BitOperations.TrailingZeroCount(bits);
                    if (Keep(doc))
                    {
                        top.Collect(doc, scores.ScoreAt(doc));
                    }
                }
            }
        }

        /// <summary>Keeps <paramref name="doc"/> as a hit, or as failing one filter only; whether it is a hit.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool Keep(int doc)
        {
            if (accept is not null && !accept(_context!, doc))
            {
                return false;
            }

            var failed = -1;
            for (var d = 0; counter._filtered && d < _segment.Length; d++)
            {
                if (counter._allowed[d] is { } allowed && !Passes(d, doc, allowed))
                {
                    if (failed >= 0)
                    {
                        return false; // fails two filters: counts nowhere
                    }

                    failed = d;
                }
            }

            if (failed >= 0)
            {
                FailedOnly[failed]!.Add(doc);
                return false;
            }

            Kept.Add(doc);
            return true;
        }

        public void Release()
        {
            Kept.Release();
            foreach (var failed in FailedOnly)
            {
                failed?.Release();
            }
        }

        private bool Passes(int d, int doc, bool[] allowed)
        {
            foreach (var ord in _segment[d].Of(doc))
            {
                if (allowed[ord])
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Documents kept in collection order, segment-local, with where each segment's documents start.</summary>
    private sealed class KeptDocs
    {
        private readonly List<(AtomicReaderContext Segment, int Start)> _segments = [];
        private int[] _docs = [];

        public int Count { get; private set; }

        public int Segments => _segments.Count;

        public void StartSegment(AtomicReaderContext segment) => _segments.Add((segment, Count));

        /// <summary>Adds <paramref name="other"/>'s documents after these; a segment continued from the last one stays one run.</summary>
        public void Append(KeptDocs other)
        {
            for (var s = 0; s < other.Segments; s++)
            {
                var segment = other.Segment(s, out var docs);
                if (_segments.Count == 0 || _segments[^1].Segment != segment)
                {
                    StartSegment(segment);
                }

                Reserve(docs.Length);
                docs.CopyTo(_docs.AsSpan(Count));
                Count += docs.Length;
            }
        }

        public void Add(int doc)
        {
            Reserve(1);
            _docs[Count++] = doc;
        }

        private void Reserve(int more)
        {
            // Pooled: a common term keeps as many hits as there are reports, and a fresh array per search would be a large-object allocation.
            if (Count + more > _docs.Length)
            {
                var larger = ArrayPool<int>.Shared.Rent(Math.Max(Math.Max(1024, _docs.Length * 2), Count + more));
                _docs.AsSpan(0, Count).CopyTo(larger);
                Release();
                _docs = larger;
            }
        }

        public AtomicReaderContext Segment(int s, out ReadOnlySpan<int> docs)
        {
            var (segment, start) = _segments[s];
            var end = s + 1 < _segments.Count ? _segments[s + 1].Start : Count;
            docs = new ReadOnlySpan<int>(_docs, start, end - start);
            return segment;
        }

        public void Release()
        {
            if (_docs.Length > 0)
            {
                ArrayPool<int>.Shared.Return(_docs);
                _docs = [];
            }
        }
    }
}
