using System.Buffers;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SearchService.Search;

/// <summary>
/// Collects the hits of a query in one pass with multi-select facet counts: a document that passes every
/// filter is a hit and counts in every dimension; one that fails only dimension D's filter still counts in D,
/// so D's other values stay visible while D is filtered (drill-sideways).
/// </summary>
/// <remarks>
/// Without filters the hits are kept and counted when <see cref="Counts"/> is first read, one dimension at a time
/// (a tight loop over one ordinal array); when they are most of the index, the reports that did not match are
/// counted instead and taken from the whole index's counts, so a common term costs what a rare one does.
/// The count arrays are pooled and rented only when counting needs them (cited laws and document numbers alone have
/// tens of thousands of values); dispose the counter when done, which also returns the kept hits.
/// </remarks>
public sealed class FacetCounter : ICollector, IDisposable
{
    private readonly ICollector _hits;
    private readonly FacetState _state;
    private readonly string[] _dimensions;
    private readonly bool[]?[] _allowed;
    private readonly bool _filtered;
    private readonly FacetState.SegmentOrdinals[] _segment;
    private readonly Func<AtomicReaderContext, int, bool>? _accept;
    private int[][] _counts = [];

    // Without filters: every hit, segment-local, in segment order; where each segment's hits start.
    private readonly List<(AtomicReaderContext Segment, int Start)> _segments = [];
    private int[] _kept = [];
    private int _keptCount;
    private bool _counted;
    private bool _disposed;
    private AtomicReaderContext? _context;

    /// <param name="hits">Receives the documents that pass every filter.</param>
    /// <param name="state">The searcher's facet state.</param>
    /// <param name="dimensions">The dimensions to count.</param>
    /// <param name="filters">Per dimension (same order), the allowed global ordinals, or null for no filter.</param>
    /// <param name="accept">A further condition on each document (segment, doc), applied before any counting.</param>
    public FacetCounter(ICollector hits, FacetState state, string[] dimensions, bool[]?[] filters, Func<AtomicReaderContext, int, bool>? accept = null)
    {
        _accept = accept;
        _hits = hits;
        _state = state;
        _dimensions = dimensions;
        _allowed = filters;
        _filtered = filters.Any(f => f is not null);
        _segment = new FacetState.SegmentOrdinals[dimensions.Length];
        if (_filtered)
        {
            RentCounts(); // filtered hits are counted as they are collected
        }
    }

    /// <summary>The count of each global ordinal of dimension <paramref name="d"/> (in the order counted); valid until disposed.</summary>
    public ReadOnlySpan<int> CountsOf(int d)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_counted)
        {
            if (!_filtered)
            {
                RentCounts(); // only now: exports and trend tables collect hits without ever reading counts
            }

            CountKept();
            Release();
            _counted = true;
        }

        return _counts[d].AsSpan(0, _state[_dimensions[d]].Values.Length);
    }

    /// <summary>The count of each global ordinal of one of the counted dimensions; valid until disposed.</summary>
    public ReadOnlySpan<int> CountsOf(string dimension) => CountsOf(Array.IndexOf(_dimensions, dimension));

    /// <summary>Documents that passed every filter.</summary>
    public int TotalHits { get; private set; }

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer) => _hits.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        _context = context;
        for (var d = 0; d < _dimensions.Length; d++)
        {
            _segment[d] = _state[_dimensions[d]].Segments[context.Ord];
        }

        if (!_filtered)
        {
            _segments.Add((context, _keptCount));
        }

        _hits.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        if (_accept is not null && !_accept(_context!, doc))
        {
            return;
        }

        if (!_filtered)
        {
            if (_keptCount == _kept.Length)
            {
                Grow();
            }

            _kept[_keptCount++] = doc;
            TotalHits++;
            _hits.Collect(doc);
            return;
        }

        var failed = -1;
        for (var d = 0; d < _dimensions.Length; d++)
        {
            if (_allowed[d] is { } allowed && !Passes(d, doc, allowed))
            {
                if (failed >= 0)
                {
                    return; // fails two filters: counts nowhere
                }

                failed = d;
            }
        }

        if (failed >= 0)
        {
            Count(failed, doc);
            return;
        }

        TotalHits++;
        _hits.Collect(doc);
        for (var d = 0; d < _dimensions.Length; d++)
        {
            Count(d, doc);
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

    private void Count(int d, int doc)
    {
        var counts = _counts[d];
        foreach (var ord in _segment[d].Of(doc))
        {
            counts[ord]++;
        }
    }

    // Pooled: a common term keeps as many hits as there are reports, and a fresh array per search would be a large-object allocation.
    private void Grow()
    {
        var larger = ArrayPool<int>.Shared.Rent(Math.Max(1024, _kept.Length * 2));
        _kept.AsSpan(0, _keptCount).CopyTo(larger);
        Release();
        _kept = larger;
    }

    private void Release()
    {
        if (_kept.Length > 0)
        {
            ArrayPool<int>.Shared.Return(_kept);
            _kept = [];
        }
    }

    private void RentCounts()
    {
        _counts = new int[_dimensions.Length][];
        for (var d = 0; d < _dimensions.Length; d++)
        {
            var length = _state[_dimensions[d]].Values.Length;
            _counts[d] = ArrayPool<int>.Shared.Rent(length);
            Array.Clear(_counts[d], 0, length);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Release();
        foreach (var counts in _counts)
        {
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    /// <summary>Counts the kept hits, or the whole index less the reports that did not match, whichever are fewer.</summary>
    private void CountKept()
    {
        if (_keptCount == 0 || _dimensions.Length == 0)
        {
            return;
        }

        // Every segment must have been seen for the unmatched reports to be known.
        var complement = _accept is null && _keptCount > _state.LiveDocs / 2 && _segments.Count == _state.SegmentCount;
        if (complement)
        {
            for (var d = 0; d < _dimensions.Length; d++)
            {
                _state.LiveCounts(_dimensions[d]).CopyTo(_counts[d], 0);
            }
        }

        for (var s = 0; s < _segments.Count; s++)
        {
            var (segment, start) = _segments[s];
            var end = s + 1 < _segments.Count ? _segments[s + 1].Start : _keptCount;
            var docs = new ReadOnlySpan<int>(_kept, start, end - start);
            var others = complement ? ArrayPool<int>.Shared.Rent(segment.AtomicReader.MaxDoc) : null;
            if (others is not null)
            {
                docs = FacetState.LiveDocsExcept(segment.AtomicReader, docs, others);
            }

            for (var d = 0; d < _dimensions.Length; d++)
            {
                _state[_dimensions[d]].Segments[segment.Ord].CountInto(_counts[d], docs, complement ? -1 : 1);
            }

            if (others is not null)
            {
                ArrayPool<int>.Shared.Return(others);
            }
        }
    }
}
