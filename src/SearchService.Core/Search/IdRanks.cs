using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchService.Indexing;

namespace SearchService.Search;

/// <summary>
/// Each report's place in id order across one reader's segments. Every sort ends with the id so that equal scores
/// keep one order across pages; comparing these ranks is two array reads, where comparing ids by their per-segment
/// ordinals looked up and copied bytes for each competitive hit.
/// </summary>
/// <remarks>
/// Each segment's ids are read once and kept while it is open (<see cref="Segment"/>); a reader only merges them in
/// memory. Merging them from the doc values with Lucene's ordinal map on every reopen took 150–280 ms at 200,000
/// reports, paid by the first search after each reopen.
/// </remarks>
public sealed class IdRanks
{
    private readonly int[][] _ranks;
    private readonly Segment[] _segments;
    private readonly (int Segment, int Ord)[] _byRank; // where each rank's id is first held

    /// <param name="reader">The reader whose reports are ranked.</param>
    /// <param name="segments">The index's segment ids, kept across reopens.</param>
    public IdRanks(IndexReader reader, SegmentMemo<Segment> segments)
    {
        var leaves = reader.Leaves;
        _segments = [.. leaves.Select(l => segments.Of(l.AtomicReader))];
        SortField = new SortField(ReportFields.IdSort, new Source(this));

        // A merge of the segments' sorted ids, in runs: the segment with the least id gives ids until it passes the
        // least of the others (segments written one after another hold runs of neighbouring ids). An id held twice
        // (a replaced report not yet merged away) has one rank.
        var rankOfOrd = _segments.Select(s => new int[s.Count]).ToArray();
        var byRank = new List<(int, int)>(_segments.Sum(s => s.Count));
        var next = new int[_segments.Length];
        while (true)
        {
            var (least, second) = (-1, -1);
            for (var i = 0; i < _segments.Length; i++)
            {
                if (next[i] == _segments[i].Count)
                {
                    continue;
                }

                if (least < 0 || Head(i).SequenceCompareTo(Head(least)) < 0)
                {
                    (least, second) = (i, least);
                }
                else if (second < 0 || Head(i).SequenceCompareTo(Head(second)) < 0)
                {
                    second = i;
                }
            }

            if (least < 0)
            {
                break;
            }

            do
            {
                var at = (least, next[least]);
                if (byRank.Count == 0 || !IdAt(at).SequenceEqual(IdAt(byRank[^1])))
                {
                    byRank.Add(at);
                }

                rankOfOrd[least][next[least]++] = byRank.Count - 1;
            }
            while (next[least] < _segments[least].Count && (second < 0 || Head(least).SequenceCompareTo(Head(second)) < 0));
        }

        ReadOnlySpan<byte> Head(int segment) => _segments[segment].Id(next[segment]);

        _byRank = [.. byRank];
        _ranks = new int[leaves.Count][];
        for (var i = 0; i < leaves.Count; i++)
        {
            var ords = _segments[i].OrdOfDoc;
            var ranks = _ranks[i] = new int[ords.Length];
            for (var doc = 0; doc < ranks.Length; doc++)
            {
                ranks[doc] = ords[doc] >= 0 ? rankOfOrd[i][ords[doc]] : -1;
            }
        }
    }

    /// <summary>Ascending id, as a sort's last field.</summary>
    public SortField SortField { get; }

    /// <summary>Each document's rank in <paramref name="segment"/> (-1: no id).</summary>
    internal int[] RanksOf(AtomicReaderContext segment) => _ranks[segment.Ord];

    private ReadOnlySpan<byte> IdAt((int Segment, int Ord) at) => _segments[at.Segment].Id(at.Ord);

    /// <summary>The id at <paramref name="rank"/>, as the sort's values carry it.</summary>
    internal BytesRef IdOf(int rank) => rank >= 0 ? new BytesRef(IdAt(_byRank[rank]).ToArray()) : new BytesRef();

    /// <summary>Twice the rank of <paramref name="id"/>; for an id no report has (deleted since), one less than twice the rank of the next.</summary>
    internal long DoubledPlace(BytesRef id)
    {
        var sought = new ReadOnlySpan<byte>(id.Bytes, id.Offset, id.Length);
        long low = 0, high = _byRank.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var order = IdAt(_byRank[middle]).SequenceCompareTo(sought);
            if (order == 0)
            {
                return 2 * middle;
            }

            (low, high) = order < 0 ? (middle + 1, high) : (low, middle - 1);
        }

        return (2 * low) - 1;
    }

    /// <summary>One segment's ids in sorted order as UTF-8, and each document's place among them (-1: none).</summary>
    public sealed class Segment
    {
        private readonly byte[] _bytes;
        private readonly int[] _starts;

        private Segment(byte[] bytes, int[] starts, int[] ordOfDoc) => (_bytes, _starts, OrdOfDoc) = (bytes, starts, ordOfDoc);

        public int Count => _starts.Length - 1;

        public int[] OrdOfDoc { get; }

        public ReadOnlySpan<byte> Id(int ord) => _bytes.AsSpan(_starts[ord], _starts[ord + 1] - _starts[ord]);

        public static Segment Read(AtomicReader segment)
        {
            var values = segment.GetSortedDocValues(ReportFields.IdSort);
            var count = values?.ValueCount ?? 0;
            var starts = new int[count + 1];
            var bytes = new List<byte>(count * 24);
            var scratch = new BytesRef();
            for (var ord = 0; ord < count; ord++)
            {
                values!.LookupOrd(ord, scratch);
                bytes.AddRange(new ReadOnlySpan<byte>(scratch.Bytes, scratch.Offset, scratch.Length));
                starts[ord + 1] = bytes.Count;
            }

            var ordOfDoc = new int[segment.MaxDoc];
            for (var doc = 0; doc < ordOfDoc.Length; doc++)
            {
                ordOfDoc[doc] = values?.GetOrd(doc) ?? -1;
            }

            return new Segment([.. bytes], starts, ordOfDoc);
        }
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
            _segment = ranks.RanksOf(context);
            return this;
        }
    }
}
