using Lucene.Net.Index;
using Lucene.Net.Util;
using SearchService.Indexing;

namespace SearchService.Search;

/// <summary>
/// Global ordinals of every facet dimension for one reader: each segment's ordinals mapped to one global
/// numbering, and the value of each global ordinal. Built once per reader, shared by all its searches.
/// </summary>
public sealed class FacetState
{
    private readonly Dictionary<string, Dimension> _dimensions;

    public FacetState(IndexReader reader)
    {
        _dimensions = ReportFields.FacetDimensions.ToDictionary(d => d, d => Dimension.Build(reader, d), StringComparer.Ordinal);
    }

    public Dimension this[string dimension] => _dimensions[dimension];

    public sealed class Dimension
    {
        private readonly Dictionary<string, int> _ordinals;

        private Dimension(string[] values, int[][] segmentToGlobal, int[]?[] documentOrdinals)
        {
            Values = values;
            SegmentToGlobal = segmentToGlobal;
            DocumentOrdinals = documentOrdinals;
            _ordinals = new Dictionary<string, int>(values.Length, StringComparer.Ordinal);
            for (var i = 0; i < values.Length; i++)
            {
                _ordinals[values[i]] = i;
            }
        }

        /// <summary>Values by global ordinal, in index (UTF-8 byte) order.</summary>
        public string[] Values { get; }

        /// <summary>For segment <c>i</c> (in reader leaf order), its ordinal → global ordinal.</summary>
        public int[][] SegmentToGlobal { get; }

        /// <summary>
        /// For segment <c>i</c>, the global ordinal of each document (-1: no value) when the dimension has at
        /// most one value per document there, else null: counting is then one array read per hit and dimension.
        /// </summary>
        public int[]?[] DocumentOrdinals { get; }

        public int OrdinalOf(string value) => _ordinals.TryGetValue(value, out var ord) ? ord : -1;

        internal static Dimension Build(IndexReader reader, string field)
        {
            var leaves = reader.Leaves;
            var segmentValues = new SortedSetDocValues?[leaves.Count];
            var enums = new TermsEnum[leaves.Count];
            for (var i = 0; i < leaves.Count; i++)
            {
                segmentValues[i] = leaves[i].AtomicReader.GetSortedSetDocValues(field);
                enums[i] = segmentValues[i]?.GetTermsEnum() ?? TermsEnum.EMPTY;
            }

            var map = new MultiDocValues.OrdinalMap(reader.CoreCacheKey, enums);
            var values = new string[map.ValueCount];
            var scratch = new BytesRef();
            for (var global = 0L; global < map.ValueCount; global++)
            {
                var segment = map.GetFirstSegmentNumber(global);
                segmentValues[segment]!.LookupOrd(map.GetFirstSegmentOrd(global), scratch);
                values[global] = scratch.Utf8ToString();
            }

            var segmentToGlobal = new int[leaves.Count][];
            var documentOrdinals = new int[]?[leaves.Count];
            for (var i = 0; i < leaves.Count; i++)
            {
                var count = segmentValues[i]?.ValueCount ?? 0;
                var mapping = new int[count];
                for (var ord = 0L; ord < count; ord++)
                {
                    mapping[ord] = (int)map.GetGlobalOrd(i, ord);
                }

                segmentToGlobal[i] = mapping;
                documentOrdinals[i] = DocumentOrdinalsOf(leaves[i].AtomicReader.MaxDoc, segmentValues[i], mapping);
            }

            return new Dimension(values, segmentToGlobal, documentOrdinals);
        }

        private static int[]? DocumentOrdinalsOf(int maxDoc, SortedSetDocValues? values, int[] segmentToGlobal)
        {
            var ordinals = new int[maxDoc];
            if (values is null)
            {
                Array.Fill(ordinals, -1);
                return ordinals;
            }

            if (DocValues.UnwrapSingleton(values) is not { } single)
            {
                return null;
            }

            for (var doc = 0; doc < maxDoc; doc++)
            {
                var ord = single.GetOrd(doc);
                ordinals[doc] = ord < 0 ? -1 : segmentToGlobal[ord];
            }

            return ordinals;
        }
    }
}
