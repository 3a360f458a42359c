using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchService.Indexing;

namespace SearchService.Search;

/// <summary>
/// Where a query's match groups occur in the documents of one segment, from the offsets in the bigram field's
/// postings. Each distinct term is looked up once and its postings are read forward, so documents are asked in
/// ascending order; asking for an earlier one starts the reading over.
/// </summary>
public sealed class SegmentSpans(AtomicReader reader, IReadOnlyList<MatchGroup> groups)
{
    private readonly Dictionary<string, TermOccurrences> _terms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TermOccurrences> _prefixes = new(StringComparer.Ordinal);
    private TermsEnum? _termsEnum;
    private int _last = -1;

    /// <summary>Merged character spans of the groups in <paramref name="doc"/>, in text order.</summary>
    public List<MatchSpan> Of(int doc)
    {
        var spans = new List<MatchSpan>();
        if (groups.Count == 0)
        {
            return spans;
        }

        if (doc < _last)
        {
            _terms.Clear(); // postings only move forward
            _prefixes.Clear();
        }

        _last = doc;
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var bit = 1 << Math.Min(g, 30);
            if (group.IsPrefix)
            {
                var occurrences = PrefixOccurrences(group.Terms[0], doc);
                for (var i = 0; i < occurrences.Count; i++)
                {
                    spans.Add(new MatchSpan(occurrences.Starts[i], occurrences.Starts[i] + group.Terms[0].Length, bit));
                }

                continue;
            }

            var first = Occurrences(group.Terms[0], doc);
            if (group.Slop > 0 || group.Terms.Count == 1)
            {
                // A sloppy phrase marks its words where they are; an exact one only where it occurs whole.
                foreach (var term in group.Terms)
                {
                    var occurrences = Occurrences(term, doc);
                    for (var i = 0; i < occurrences.Count; i++)
                    {
                        spans.Add(new MatchSpan(occurrences.Starts[i], occurrences.Ends[i], bit));
                    }
                }

                continue;
            }

            AddWholePhrases(group, first, doc, bit, spans);
        }

        return SnippetHighlighter.Merge(spans);
    }

    /// <summary>A span for each position where every term of the exact group stands at its place.</summary>
    private void AddWholePhrases(MatchGroup group, TermOccurrences first, int doc, int bit, List<MatchSpan> spans)
    {
        var others = new TermOccurrences[group.Terms.Count];
        var next = new int[group.Terms.Count];
        for (var t = 1; t < others.Length; t++)
        {
            others[t] = Occurrences(group.Terms[t], doc);
        }

        for (var i = 0; i < first.Count; i++)
        {
            var end = first.Ends[i];
            var whole = true;
            for (var t = 1; t < others.Length && whole; t++)
            {
                // Positions ascend in both lists, so each term's cursor only moves forward.
                var target = first.Positions[i] + group.Positions[t] - group.Positions[0];
                var other = others[t];
                while (next[t] < other.Count && other.Positions[next[t]] < target)
                {
                    next[t]++;
                }

                whole = next[t] < other.Count && other.Positions[next[t]] == target;
                if (whole)
                {
                    end = Math.Max(end, other.Ends[next[t]]);
                }
            }

            if (whole)
            {
                spans.Add(new MatchSpan(first.Starts[i], end, bit));
            }
        }
    }

    private TermOccurrences Occurrences(string term, int doc)
    {
        if (!_terms.TryGetValue(term, out var occurrences))
        {
            _termsEnum ??= reader.GetTerms(ReportFields.BodyBigrams)?.GetEnumerator();
            var postings = _termsEnum is not null && _termsEnum.SeekExact(new BytesRef(term))
                ? [_termsEnum.DocsAndPositions(null, null, DocsAndPositionsFlags.OFFSETS)]
                : Array.Empty<DocsAndPositionsEnum>();
            _terms[term] = occurrences = new TermOccurrences(postings);
        }

        occurrences.ReadAt(doc);
        return occurrences;
    }

    /// <summary>The occurrences of every term that starts with <paramref name="prefix"/>, in no particular order.</summary>
    private TermOccurrences PrefixOccurrences(string prefix, int doc)
    {
        if (!_prefixes.TryGetValue(prefix, out var occurrences))
        {
            _termsEnum ??= reader.GetTerms(ReportFields.BodyBigrams)?.GetEnumerator();
            var postings = new List<DocsAndPositionsEnum>();
            var start = new BytesRef(prefix);
            if (_termsEnum is not null && _termsEnum.SeekCeil(start) != TermsEnum.SeekStatus.END)
            {
                do
                {
                    if (!StringHelper.StartsWith(_termsEnum.Term, start))
                    {
                        break;
                    }

                    postings.Add(_termsEnum.DocsAndPositions(null, null, DocsAndPositionsFlags.OFFSETS));
                }
                while (_termsEnum.MoveNext());
            }

            _prefixes[prefix] = occurrences = new TermOccurrences(postings);
        }

        occurrences.ReadAt(doc);
        return occurrences;
    }

    /// <summary>
    /// The positions and offsets in the document last read of one term, or of several (a lone character's terms,
    /// one after another, so positions ascend only for a single term).
    /// </summary>
    private sealed class TermOccurrences(IReadOnlyList<DocsAndPositionsEnum> postings)
    {
        private int _doc = -1;

        public int Count { get; private set; }

        public int[] Positions { get; private set; } = [];

        public int[] Starts { get; private set; } = [];

        public int[] Ends { get; private set; } = [];

        public void ReadAt(int doc)
        {
            if (doc == _doc)
            {
                return;
            }

            _doc = doc;
            Count = 0;
            foreach (var term in postings)
            {
                if ((term.DocID < doc ? term.Advance(doc) : term.DocID) == doc)
                {
                    Read(term);
                }
            }
        }

        private void Read(DocsAndPositionsEnum term)
        {
            var count = Count + term.Freq;
            if (Positions.Length < count)
            {
                var size = ArrayUtil.Oversize(count, sizeof(int));
                var (positions, starts, ends) = (new int[size], new int[size], new int[size]);
                Positions.AsSpan(0, Count).CopyTo(positions);
                Starts.AsSpan(0, Count).CopyTo(starts);
                Ends.AsSpan(0, Count).CopyTo(ends);
                (Positions, Starts, Ends) = (positions, starts, ends);
            }

            for (var i = Count; i < count; i++)
            {
                Positions[i] = term.NextPosition();
                Starts[i] = term.StartOffset;
                Ends[i] = term.EndOffset;
            }

            Count = count;
        }
    }
}
