using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SearchService.Search;

/// <summary>Counts documents per combination of values of one or two facet dimensions (year, or year × province).</summary>
public sealed class BucketCounter(FacetState state, string[] dimensions) : ICollector
{
    private readonly FacetState.SegmentOrdinals[] _segment = new FacetState.SegmentOrdinals[dimensions.Length];

    /// <summary>Per bucket, keyed by the ordinals of its values (the second is 0 for one dimension).</summary>
    public Dictionary<(int, int), int> Counts { get; } = [];

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        for (var d = 0; d < dimensions.Length; d++)
        {
            _segment[d] = state[dimensions[d]].Segments[context.Ord];
        }
    }

    public void Collect(int doc)
    {
        foreach (var first in _segment[0].Of(doc))
        {
            if (dimensions.Length == 1)
            {
                Increment((first, 0));
                continue;
            }

            foreach (var second in _segment[1].Of(doc))
            {
                Increment((first, second));
            }
        }
    }

    private void Increment((int, int) key) => Counts[key] = Counts.GetValueOrDefault(key) + 1;
}
