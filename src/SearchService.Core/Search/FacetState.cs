using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Lucene.Net.Index;
using Lucene.Net.Util;
using SearchService.Indexing;

namespace SearchService.Search;

/// <summary>
/// The facet ordinals of every dimension for one reader: each segment's, kept by <see cref="FacetSegments"/> while
/// the segment is open, and the values they number. Made with the reader's searcher, shared by all its searches.
/// </summary>
public sealed class FacetState
{
    private readonly Dictionary<string, Dimension> _dimensions;
    private readonly Lazy<Dictionary<string, int[]>> _liveCounts;

    /// <param name="reader">The reader whose searches count with this state.</param>
    /// <param name="segments">The index's segment ordinals, kept across reopens; a new one for a reader alone.</param>
    public FacetState(IndexReader reader, FacetSegments segments)
    {
        LiveDocs = reader.NumDocs;
        SegmentCount = reader.Leaves.Count;
        var ordinals = reader.Leaves.Select(l => segments.Of(l.AtomicReader)).ToArray();
        // After every segment is read: the values copied must include each number the segments hold.
        _dimensions = ReportFields.FacetDimensions
            .Select((name, d) => (name, dimension: new Dimension(segments.Numbers(d), [.. ordinals.Select(o => o[d])])))
            .ToDictionary(e => e.name, e => e.dimension, StringComparer.Ordinal);
        _dimensions[RegionProvinces] = _dimensions[ReportFields.Region].With([.. ordinals.Select(o => o[^1])]);
        _liveCounts = new(() => CountLive(reader.Leaves));
    }

    /// <summary>
    /// The region dimension with only its province codes counted: the region facet of a search that selects no
    /// division shows nothing else, and the codes below the provinces are two thirds of what counting it reads.
    /// Its values and ordinals are the region dimension's.
    /// </summary>
    public const string RegionProvinces = "region (provinces)";

    /// <summary>The length of a province's division code, the top of the region tree.</summary>
    public const int ProvinceCodeLength = 2;

    /// <summary>Reports in the reader, deleted ones left out.</summary>
    public int LiveDocs { get; }

    public int SegmentCount { get; }

    public Dimension this[string dimension] => _dimensions[dimension];

    /// <summary>How many live reports hold each ordinal of the dimension: what a query matching every report would count.</summary>
    public int[] LiveCounts(string dimension) => _liveCounts.Value[dimension];

    /// <summary>
    /// Writes the segment's live documents in [<paramref name="from"/>, <paramref name="to"/>) that are not among
    /// <paramref name="excluded"/> (ascending, within the range) to <paramref name="into"/>, which has room for every
    /// document of the range, and returns them.
    /// </summary>
    internal static ReadOnlySpan<int> LiveDocsExcept(AtomicReader segment, ReadOnlySpan<int> excluded, int[] into, int from, int to)
    {
        if (from >= to)
        {
            return [];
        }

        // The excluded are a query's hits, most of the range when this is asked: they are set as bits, and the
        // documents left are read from the words' complement, with no branch per excluded document.
        var (first, last) = (from >> 6, (to - 1) >> 6);
        var words = ArrayPool<ulong>.Shared.Rent(last - first + 1);
        Array.Clear(words, 0, last - first + 1);
        foreach (var doc in excluded)
        {
            words[(doc >> 6) - first] |= 1UL << doc;
        }

        var live = segment.LiveDocs;
        var count = 0;
        for (var w = first; w <= last; w++)
        {
            var left = ~words[w - first];
            left &= w == first ? ~0UL << from : ~0UL;
            left &= w == last ? ~0UL >> (63 - ((to - 1) & 63)) : ~0UL;
            for (; left != 0; left &= left - 1)
            {
                var doc = (w << 6) + BitOperations.TrailingZeroCount(left);
                if (live is null || live.Get(doc))
                {
                    into[count++] = doc;
                }
            }
        }

        ArrayPool<ulong>.Shared.Return(words);
        return into.AsSpan(0, count);
    }

    /// <summary>Every dimension counted over the live reports, each segment's live documents listed once for all of them.</summary>
    private Dictionary<string, int[]> CountLive(IList<AtomicReaderContext> leaves)
    {
        var counts = _dimensions.ToDictionary(d => d.Key, d => new int[d.Value.Values.Length], StringComparer.Ordinal);
        foreach (var leaf in leaves)
        {
            var live = new SegmentHits(LiveDocsExcept(leaf.AtomicReader, [], new int[leaf.AtomicReader.MaxDoc], 0, leaf.AtomicReader.MaxDoc));
            foreach (var (name, dimension) in _dimensions)
            {
                dimension.Segments[leaf.Ord].CountInto(counts[name], ref live);
            }

            live.Dispose();
        }

        return counts;
    }

    public sealed class Dimension
    {
        private readonly FacetSegments.ValueNumbers _numbers;
        private OfLength? _byLength;

        internal Dimension(FacetSegments.ValueNumbers numbers, SegmentOrdinals[] segments)
            : this(numbers, numbers.Snapshot(), segments)
        {
        }

        private Dimension(FacetSegments.ValueNumbers numbers, (string[] Values, int[] Sorted) snapshot, SegmentOrdinals[] segments)
        {
            _numbers = numbers;
            (Values, Sorted) = snapshot;
            Segments = segments;
        }

        /// <summary>The same values counted from other ordinals of theirs.</summary>
        internal Dimension With(SegmentOrdinals[] segments) => new(_numbers, (Values, Sorted), segments);

        /// <summary>Values by ordinal. Ordinals are the index's numbers for its values: in the order first seen, not value order.</summary>
        public string[] Values { get; }

        /// <summary>The ordinals in value order (by UTF-16 code unit).</summary>
        public int[] Sorted { get; }

        /// <summary>For segment <c>i</c> (in reader leaf order), each document's ordinals, read once into memory.</summary>
        public SegmentOrdinals[] Segments { get; }

        /// <summary>The ordinals of the values of exactly <paramref name="length"/> characters (a level of region codes), ascending; found once per snapshot.</summary>
        public int[] OrdinalsOfLength(int length)
        {
            var byLength = _byLength;
            if (byLength is null || byLength.Length != length)
            {
                byLength = new OfLength(length, [.. Enumerable.Range(0, Values.Length).Where(ord => Values[ord].Length == length)]);
                _byLength = byLength;
            }

            return byLength.Ordinals;
        }

        public int OrdinalOf(string value) => _numbers.Find(value, Values.Length);

        public int OrdinalOf(ReadOnlySpan<char> value) => _numbers.Find(value, Values.Length);

        private sealed record OfLength(int Length, int[] Ordinals);
    }

    /// <summary>
    /// The ordinals of one segment's documents in flat arrays: counting a hit is an array read, never a
    /// doc-values seek. A dimension with at most one value per document keeps one slot per document (-1: none).
    /// </summary>
    /// <remarks>
    /// A value held by at least one report in 64 of the segment (every year, most provinces, the common cited laws)
    /// also keeps the segment's reports as a bit set, and the segment's other values are listed again without it:
    /// many hits count such a value with one AND and population count per 64 reports instead of an increment per
    /// report. Counting takes whichever of the two ways reads less for the hits at hand.
    /// </remarks>
    public sealed class SegmentOrdinals
    {
        private const int DenseShare = 64;

        // Values of hits copied out before they are counted (CountListed): 16 KB, in the nearest cache.
        private const int Buffered = 4096;

        private readonly int[]? _starts;
        private readonly int[] _ordinals;
        private readonly int _maxDoc;
        private readonly int _words;
        private readonly int[] _denseOrdinals;
        private readonly ulong[] _denseBits; // one row of _words per dense value
        private readonly double _denseOrdinalsPerDoc;
        // The values that are not dense, laid out as _starts and _ordinals are; null when every value is dense.
        private readonly int[]? _sparseStarts;
        private readonly int[]? _sparseOrdinals;

        internal SegmentOrdinals(int maxDoc, int[]? starts, int[] ordinals, int valueCount)
        {
            _starts = starts;
            _ordinals = ordinals;
            _maxDoc = maxDoc;
            _words = (maxDoc + 63) >> 6;

            var frequency = new int[valueCount];
            foreach (var ord in ordinals)
            {
                if (ord >= 0)
                {
                    frequency[ord]++;
                }
            }

            var dense = new List<int>();
            var denseCount = 0L;
            for (var ord = 0; ord < valueCount; ord++)
            {
                if (frequency[ord] > 0 && (long)frequency[ord] * DenseShare >= maxDoc)
                {
                    dense.Add(ord);
                    denseCount += frequency[ord];
                }
            }

            _denseOrdinals = [.. dense];
            _denseOrdinalsPerDoc = maxDoc == 0 ? 0 : (double)denseCount / maxDoc;
            _denseBits = new ulong[_denseOrdinals.Length * _words];
            if (_denseOrdinals.Length == 0)
            {
                (_sparseStarts, _sparseOrdinals) = (starts, ordinals);
                return;
            }

            var row = new int[valueCount];
            Array.Fill(row, -1);
            for (var k = 0; k < _denseOrdinals.Length; k++)
            {
                row[_denseOrdinals[k]] = k;
            }

            // Single-valued: a slot per report (-1 where the value is dense or missing); else the other values listed.
            var sparse = new int[starts is null ? maxDoc : ordinals.Length - (int)denseCount];
            var sparseStarts = starts is null ? null : new int[maxDoc + 1];
            var listed = 0;
            for (var doc = 0; doc < maxDoc; doc++)
            {
                if (sparseStarts is not null)
                {
                    sparseStarts[doc] = listed;
                }
                else
                {
                    sparse[doc] = -1;
                }

                foreach (var ord in Of(doc))
                {
                    if (row[ord] >= 0)
                    {
                        _denseBits[(row[ord] * _words) + (doc >> 6)] |= 1UL << doc;
                    }
                    else
                    {
                        sparse[sparseStarts is null ? doc : listed] = ord;
                        listed++;
                    }
                }
            }

            if (sparseStarts is not null)
            {
                sparseStarts[maxDoc] = listed;
            }

            if (listed > 0)
            {
                (_sparseStarts, _sparseOrdinals) = (sparseStarts, sparse);
            }
        }

        /// <summary>
        /// These ordinals with only those <paramref name="keep"/> accepts, each document holding one at most kept
        /// in one slot; <paramref name="valueCount"/> is above every ordinal.
        /// </summary>
        internal SegmentOrdinals Keep(Func<int, bool> keep, int valueCount)
        {
            var kept = new List<int>(_maxDoc);
            var starts = new int[_maxDoc + 1];
            var single = true;
            for (var doc = 0; doc < _maxDoc; doc++)
            {
                starts[doc] = kept.Count;
                foreach (var ord in Of(doc))
                {
                    if (keep(ord))
                    {
                        kept.Add(ord);
                    }
                }

                single &= kept.Count - starts[doc] <= 1;
            }

            starts[_maxDoc] = kept.Count;
            if (!single)
            {
                return new SegmentOrdinals(_maxDoc, starts, [.. kept], valueCount);
            }

            var slots = new int[_maxDoc];
            for (var doc = 0; doc < _maxDoc; doc++)
            {
                slots[doc] = starts[doc] < starts[doc + 1] ? kept[starts[doc]] : -1;
            }

            return new SegmentOrdinals(_maxDoc, null, slots, valueCount);
        }

        /// <summary>The ordinals of <paramref name="doc"/>'s values.</summary>
        public ReadOnlySpan<int> Of(int doc)
        {
            if (_starts is null)
            {
                return _ordinals[doc] < 0 ? [] : new ReadOnlySpan<int>(_ordinals, doc, 1);
            }

            return new ReadOnlySpan<int>(_ordinals, _starts[doc], _starts[doc + 1] - _starts[doc]);
        }

        /// <summary>Adds <paramref name="step"/> to <paramref name="counts"/> at each ordinal of each of the hits.</summary>
        internal void CountInto(int[] counts, ref SegmentHits hits, int step = 1)
        {
            if (hits.Docs.IsEmpty)
            {
                return;
            }

            // An increment per hit per dense ordinal, against an AND and a population count per word of the hits' range.
            var listed = hits.Docs.Length * _denseOrdinalsPerDoc;
            var scanned = _denseOrdinals.Length * (double)hits.WordCount / 4;
            if (_denseOrdinals.Length == 0 || listed <= scanned)
            {
                CountListed(counts, hits.Docs, step, _starts, _ordinals);
                return;
            }

            var bits = hits.Bits;
            var first = hits.FirstWord;
            for (var k = 0; k < _denseOrdinals.Length; k++)
            {
                var row = _denseBits.AsSpan((k * _words) + first, bits.Length);
                var count = 0;
                for (var i = 0; i < bits.Length; i++)
                {
                    count += BitOperations.PopCount(bits[i] & row[i]);
                }

                counts[_denseOrdinals[k]] += step * count;
            }

            if (_sparseOrdinals is not null)
            {
                CountListed(counts, hits.Docs, step, _sparseStarts, _sparseOrdinals);
            }
        }

        private static void CountListed(int[] counts, ReadOnlySpan<int> docs, int step, int[]? starts, int[] ordinals)
        {
            if (starts is null)
            {
                foreach (var doc in docs)
                {
                    if (ordinals[doc] is var ord and >= 0)
                    {
                        counts[ord] += step;
                    }
                }

                return;
            }

            if (!Vector256.IsHardwareAccelerated)
            {
                foreach (var doc in docs)
                {
                    Add(counts, ordinals.AsSpan(starts[doc], starts[doc + 1] - starts[doc]), step);
                }

                return;
            }

            // A loop per hit over its few values mispredicts its end at almost every hit, which cost twice the
            // increments themselves: each hit's values are copied out a whole vector at a time (the lanes past its
            // values are written over by the next hit's), and the copies are counted in one flat loop. No load starts
            // within a vector of the array's end, and the buffer has room for a vector past the values it holds.
            var buffer = ArrayPool<int>.Shared.Rent(Buffered + (2 * Vector256<int>.Count));
            ref var source = ref MemoryMarshal.GetArrayDataReference(ordinals);
            ref var copies = ref MemoryMarshal.GetArrayDataReference(buffer);
            var lastLoad = ordinals.Length - Vector256<int>.Count;
            var copied = 0;
            foreach (var doc in docs)
            {
                var (start, length) = (starts[doc], starts[doc + 1] - starts[doc]);
                if (length <= Vector256<int>.Count && start <= lastLoad)
                {
                    Vector256.LoadUnsafe(ref source, (nuint)start).StoreUnsafe(ref copies, (nuint)copied);
                    copied += length;
                    if (copied > Buffered)
                    {
                        Add(counts, buffer.AsSpan(0, copied), step);
                        copied = 0;
                    }
                }
                else
                {
                    Add(counts, ordinals.AsSpan(start, length), step);
                }
            }

            Add(counts, buffer.AsSpan(0, copied), step);
            ArrayPool<int>.Shared.Return(buffer);
        }

        private static void Add(int[] counts, ReadOnlySpan<int> ordinals, int step)
        {
            foreach (var ord in ordinals)
            {
                counts[ord] += step;
            }
        }

        /// <summary>
        /// Reads the values of a segment's every report, numbering each value new to <paramref name="numbers"/> where
        /// a report first holds it. A search counts its hits in report order, so the counts of values held by one
        /// report or a few (a document number, a rarely cited law) then lie near those of the reports beside them:
        /// numbered in value order, they were spread over arrays larger than the processor's caches (at 200k, document
        /// numbers 0.7–2.1 ns less per report counted, cited laws 0.4–3.2 ns; BENCHMARKS.md step 32).
        /// </summary>
        internal static SegmentOrdinals Read(int maxDoc, SortedSetDocValues? values, FacetSegments.ValueNumbers numbers)
        {
            if (values is null)
            {
                var none = new int[maxDoc];
                Array.Fill(none, -1);
                return new SegmentOrdinals(maxDoc, null, none, numbers.Count);
            }

            // The values read in ordinal order, as the doc values keep them; each numbered when a report first holds it.
            var texts = new string[values.ValueCount];
            var scratch = new BytesRef();
            for (var ord = 0; ord < texts.Length; ord++)
            {
                values.LookupOrd(ord, scratch);
                texts[ord] = scratch.Utf8ToString();
            }

            var toNumber = new int[texts.Length];
            Array.Fill(toNumber, -1);

            if (DocValues.UnwrapSingleton(values) is { } single)
            {
                var ordinals = new int[maxDoc];
                for (var doc = 0; doc < maxDoc; doc++)
                {
                    var ord = single.GetOrd(doc);
                    ordinals[doc] = ord < 0 ? -1 : Number(ord);
                }

                return new SegmentOrdinals(maxDoc, null, ordinals, numbers.Count);
            }

            var starts = new int[maxDoc + 1];
            var all = new List<int>(maxDoc * 4);
            for (var doc = 0; doc < maxDoc; doc++)
            {
                starts[doc] = all.Count;
                values.SetDocument(doc);
                for (var ord = values.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = values.NextOrd())
                {
                    all.Add(Number(ord));
                }
            }

            starts[maxDoc] = all.Count;
            return new SegmentOrdinals(maxDoc, starts, [.. all], numbers.Count);

            int Number(long ord) => toNumber[ord] >= 0 ? toNumber[ord] : toNumber[ord] = numbers.NumberOf(texts[ord]);
        }
    }

    /// <summary>
    /// One segment's hits to count: their ascending document numbers and, built when a dimension first asks, the
    /// same as a bit set over the words they span (pooled; dispose to return it).
    /// </summary>
    internal ref struct SegmentHits(ReadOnlySpan<int> docs)
    {
        private ulong[]? _bits;

        public ReadOnlySpan<int> Docs { get; } = docs;

        public readonly int FirstWord => Docs.IsEmpty ? 0 : Docs[0] >> 6;

        public readonly int WordCount => Docs.IsEmpty ? 0 : (Docs[^1] >> 6) - FirstWord + 1;

        /// <summary>The hits' bits from word <see cref="FirstWord"/> on, <see cref="WordCount"/> words.</summary>
        public ReadOnlySpan<ulong> Bits
        {
            get
            {
                if (_bits is null)
                {
                    _bits = ArrayPool<ulong>.Shared.Rent(WordCount);
                    Array.Clear(_bits, 0, WordCount);
                    var first = FirstWord;
                    foreach (var doc in Docs)
                    {
                        _bits[(doc >> 6) - first] |= 1UL << doc;
                    }
                }

                return _bits.AsSpan(0, WordCount);
            }
        }

        public void Dispose()
        {
            if (_bits is not null)
            {
                ArrayPool<ulong>.Shared.Return(_bits);
                _bits = null;
            }
        }
    }
}
