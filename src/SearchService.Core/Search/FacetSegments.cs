using System.Collections.Concurrent;
using Lucene.Net.Index;
using SearchService.Indexing;

namespace SearchService.Search;

/// <summary>
/// Each open segment's facet ordinals, kept from one reader to the next, and the index's numbering of facet values
/// that they share: rebuilding every segment's took 0.5–0.8 s per reopen at 200,000 reports.
/// </summary>
/// <remarks>
/// A value keeps the number it was first given for as long as the index is open, so the arrays of a segment stay
/// valid whatever segments come and go beside it. Numbers therefore follow the order values were first seen, not
/// value order; each reader gets their ranks in value order too.
/// </remarks>
public sealed class FacetSegments
{
    private static readonly int RegionDimension = ReportFields.FacetDimensions.ToList().IndexOf(ReportFields.Region);
    private readonly ValueNumbers[] _numbers = [.. ReportFields.FacetDimensions.Select(_ => new ValueNumbers())];
    private readonly SegmentMemo<FacetState.SegmentOrdinals[]> _segments;

    public FacetSegments() => _segments = new(Read);

    /// <summary>Segments whose ordinals are held.</summary>
    public int Count => _segments.Count;

    /// <summary>The dimension's value numbering (in <see cref="ReportFields.FacetDimensions"/> order).</summary>
    internal ValueNumbers Numbers(int dimension) => _numbers[dimension];

    /// <summary>The ordinals of <paramref name="segment"/> in every dimension, read on its first use and kept while it is open.</summary>
    internal FacetState.SegmentOrdinals[] Of(AtomicReader segment) => _segments.Of(segment);

    /// <summary>
    /// The ordinals of <paramref name="segment"/> in every dimension and, last, the region dimension's province codes
    /// alone (<see cref="FacetState.RegionProvinces"/>).
    /// </summary>
    private FacetState.SegmentOrdinals[] Read(AtomicReader segment)
    {
        var dimensions = ReportFields.FacetDimensions;
        var ordinals = new FacetState.SegmentOrdinals[dimensions.Count + 1];
        for (var d = 0; d < dimensions.Count; d++)
        {
            ordinals[d] = FacetState.SegmentOrdinals.Read(segment.MaxDoc, segment.GetSortedSetDocValues(dimensions[d]), _numbers[d]);
        }

        var (codes, _) = _numbers[RegionDimension].Snapshot();
        ordinals[^1] = ordinals[RegionDimension].Keep(number => codes[number].Length == FacetState.ProvinceCodeLength, codes.Length);

        return ordinals;
    }

    /// <summary>
    /// Numbers for one dimension's values, given in the order first seen and never taken back. Readers share a copy
    /// of the values numbered so far and their numbers in value order, made again only when values were added;
    /// look-ups by value are shared and lock-free.
    /// </summary>
    internal sealed class ValueNumbers
    {
        private readonly ConcurrentDictionary<string, int> _numbers = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _numbersBySpan;
        private readonly List<string> _values = [];
        private (string[] Values, int[] Sorted) _snapshot = ([], []);

        public ValueNumbers() => _numbersBySpan = _numbers.GetAlternateLookup<ReadOnlySpan<char>>();

        public int Count
        {
            get
            {
                lock (_values)
                {
                    return _values.Count;
                }
            }
        }

        public int NumberOf(string value)
        {
            if (_numbers.TryGetValue(value, out var number))
            {
                return number;
            }

            lock (_values)
            {
                if (!_numbers.TryGetValue(value, out number))
                {
                    number = _values.Count;
                    _values.Add(value);
                    _numbers[value] = number;
                }

                return number;
            }
        }

        /// <summary>The number of <paramref name="value"/>, or -1 if it has none below <paramref name="limit"/>.</summary>
        public int Find(string value, int limit) => _numbers.TryGetValue(value, out var number) && number < limit ? number : -1;

        /// <inheritdoc cref="Find(string, int)"/>
        public int Find(ReadOnlySpan<char> value, int limit) => _numbersBySpan.TryGetValue(value, out var number) && number < limit ? number : -1;

        /// <summary>
        /// The values numbered so far, by number, and the numbers in value order. The values added since the last
        /// call are sorted and merged in: a reopen that adds a few costs a copy, not a sort of them all.
        /// </summary>
        public (string[] Values, int[] Sorted) Snapshot()
        {
            lock (_values)
            {
                var known = _snapshot.Values.Length;
                if (known == _values.Count)
                {
                    return _snapshot;
                }

                var added = Enumerable.Range(known, _values.Count - known).ToArray();
                Array.Sort(added, (a, b) => string.CompareOrdinal(_values[a], _values[b]));
                var old = _snapshot.Sorted;
                var sorted = new int[_values.Count];
                var (i, j, k) = (0, 0, 0);
                while (j < added.Length)
                {
                    // The old values before the next added one move over in one copy.
                    var end = LowerBound(old, _values[added[j]], i);
                    old.AsSpan(i, end - i).CopyTo(sorted.AsSpan(k));
                    k += end - i;
                    i = end;
                    sorted[k++] = added[j++];
                }

                old.AsSpan(i).CopyTo(sorted.AsSpan(k));
                _snapshot = ([.. _values], sorted);
                return _snapshot;
            }
        }

        // The first place from `from` on in `sorted` whose value is not before `value`.
        private int LowerBound(int[] sorted, string value, int from)
        {
            var (low, high) = (from, sorted.Length);
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (string.CompareOrdinal(_values[sorted[middle]], value) < 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }
    }
}
