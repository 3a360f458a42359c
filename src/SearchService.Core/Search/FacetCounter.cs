using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SearchService.Search;

/// <summary>
/// Collects the hits of a query in one pass with multi-select facet counts: a document that passes every
/// filter is a hit and counts in every dimension; one that fails only dimension D's filter still counts in D,
/// so D's other values stay visible while D is filtered (drill-sideways).
/// </summary>
public sealed class FacetCounter : ICollector
{
    private readonly ICollector _hits;
    private readonly FacetState _state;
    private readonly string[] _dimensions;
    private readonly bool[]?[] _allowed;
    private readonly FacetState.SegmentOrdinals[] _segment;
    private readonly Func<AtomicReaderContext, int, bool>? _accept;
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
        _segment = new FacetState.SegmentOrdinals[dimensions.Length];
        Counts = dimensions.Select(d => new int[state[d].Values.Length]).ToArray();
    }

    /// <summary>Per dimension, the count of each global ordinal.</summary>
    public int[][] Counts { get; }

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

        _hits.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        if (_accept is not null && !_accept(_context!, doc))
        {
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
        var counts = Counts[d];
        foreach (var ord in _segment[d].Of(doc))
        {
            counts[ord]++;
        }
    }
}
