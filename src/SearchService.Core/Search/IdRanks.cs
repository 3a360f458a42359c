using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchService.Indexing;

namespace SearchService.Search;

/// <summary>
/// Each report's place in id order across one reader's segments, read once per reader. Every sort ends with the
/// id so that equal scores keep one order across pages; comparing these ranks is two array reads, where comparing
/// ids by their per-segment ordinals looked up and copied bytes for each competitive hit.
/// </summary>
public sealed class IdRanks
{
    private readonly int[][] _ranks;
    private readonly IList<AtomicReaderContext> _leaves;
    private readonly MultiDocValues.OrdinalMap _map;

    public IdRanks(IndexReader reader)
    {
        _leaves = reader.Leaves;
        var values = _leaves.Select(l => l.AtomicReader.GetSortedDocValues(ReportFields.IdSort)).ToArray();
        _map = new MultiDocValues.OrdinalMap(reader.CoreCacheKey, values.Select(v => v?.GetTermsEnum() ?? TermsEnum.EMPTY).ToArray());
        SortField = new SortField(ReportFields.IdSort, new Source(this));
        _ranks = new int[_leaves.Count][];
        for (var i = 0; i < _leaves.Count; i++)
        {
            var ranks = _ranks[i] = new int[_leaves[i].AtomicReader.MaxDoc];
            for (var doc = 0; doc < ranks.Length; doc++)
            {
                ranks[doc] = values[i]?.GetOrd(doc) is >= 0 and var ord ? (int)_map.GetGlobalOrd(i, ord) : -1;
            }
        }
    }

    /// <summary>Ascending id, as a sort's last field.</summary>
    public SortField SortField { get; }

    private BytesRef IdOf(int rank)
    {
        var id = new BytesRef();
        if (rank >= 0)
        {
            // Doc values are read through the calling thread's own instance: one instance is not safe to share.
            var segment = _leaves[_map.GetFirstSegmentNumber(rank)].AtomicReader;
            segment.GetSortedDocValues(ReportFields.IdSort).LookupOrd((int)_map.GetFirstSegmentOrd(rank), id);
        }

        return id;
    }

    /// <summary>Twice the rank of <paramref name="id"/>; for an id no report has (deleted since), one less than twice the rank of the next.</summary>
    private long DoubledPlace(BytesRef id)
    {
        long low = 0, high = _map.ValueCount - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var order = IdOf((int)middle).CompareTo(id);
            if (order == 0)
            {
                return 2 * middle;
            }

            (low, high) = order < 0 ? (middle + 1, high) : (low, middle - 1);
        }

        return (2 * low) - 1;
    }

    private sealed class Source(IdRanks ranks) : FieldComparerSource
    {
        public override FieldComparer NewComparer(string fieldname, int numHits, int sortPos, bool reversed) => new Comparer(ranks, numHits);
    }

    private sealed class Comparer(IdRanks ranks, int slots) : FieldComparer<BytesRef>
    {
        private readonly int[] _slots = new int[slots];
        private int[] _segment = [];
        private int _bottom;
        private long _top;

        public override BytesRef this[int slot] => ranks.IdOf(_slots[slot]);

        public override int Compare(int slot1, int slot2) => _slots[slot1].CompareTo(_slots[slot2]);

        public override void SetBottom(int slot) => _bottom = _slots[slot];

        public override void SetTopValue(BytesRef value) => _top = ranks.DoubledPlace(value);

        public override int CompareBottom(int doc) => _bottom.CompareTo(_segment[doc]);

        public override int CompareTop(int doc) => _top.CompareTo(2L * _segment[doc]);

        public override void Copy(int slot, int doc) => _slots[slot] = _segment[doc];

        public override FieldComparer SetNextReader(AtomicReaderContext context)
        {
            _segment = ranks._ranks[context.Ord];
            return this;
        }
    }
}
