using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SearchService.Search;

/// <summary>Counts documents per combination of values of one or two facet dimensions (year, or year × province).</summary>
public sealed class BucketCounter(FacetState state, string[] dimensions) : ICollector
{
    private readonly SortedSetDocValues?[] _values = new SortedSetDocValues?[dimensions.Length];
    private readonly int[]?[] _toGlobal = new int[]?[dimensions.Length];

    /// <summary>Per bucket, keyed by the global ordinals of its values (the second is 0 for one dimension).</summary>
    public Dictionary<(int, int), int> Counts { get; } = [];

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        for (var d = 0; d < dimensions.Length; d++)
        {
            _values[d] = context.AtomicReader.GetSortedSetDocValues(dimensions[d]);
            _toGlobal[d] = state[dimensions[d]].SegmentToGlobal[context.Ord];
        }
    }

    public void Collect(int doc)
    {
        foreach (var first in Ordinals(0, doc))
        {
            if (dimensions.Length == 1)
            {
                Increment((first, 0));
                continue;
            }

            foreach (var second in Ordinals(1, doc))
            {
                Increment((first, second));
            }
        }
    }

    private void Increment((int, int) key) => Counts[key] = Counts.GetValueOrDefault(key) + 1;

    private List<int> Ordinals(int d, int doc)
    {
        var ordinals = new List<int>(1);
        if (_values[d] is { } values)
        {
            values.SetDocument(doc);
            for (var ord = values.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = values.NextOrd())
            {
                ordinals.Add(_toGlobal[d]![ord]);
            }
        }

        return ordinals;
    }
}
