using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchService.Analysis;
using SearchService.Indexing;

namespace SearchService.Search;

/// <summary>
/// Where a query's match groups occur in the documents of one segment, from the offsets in the bigram field's
/// postings (a lone character's from the text). Each distinct term is looked up once and its postings are read
/// forward, so documents are asked in ascending order; asking for an earlier one starts the reading over.
/// </summary>
public sealed class SegmentSpans(AtomicReader reader, IReadOnlyList<MatchGroup> groups)
{
    private readonly Dictionary<string, TermOccurrences> _terms = new(StringComparer.Ordinal);
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
        }

        _last = doc;
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var bit = 1 << Math.Min(g, 30);
            if (group.IsPrefix)
            {
                AddCharacter(group.Terms[0], doc, bit, spans);
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

    /// <summary>
    /// Every place a lone character stands in the text: each CJK character starts a token of the bigram field, so
    /// these are where its query matched, read from the text rather than from the postings of every term it starts.
    /// </summary>
    private void AddCharacter(string character, int doc, int bit, List<MatchSpan> spans)
    {
        var text = ReportDocument.ReadText(reader, doc);
        for (var i = 0; i + character.Length <= text.Length; i++)
        {
            if (CharacterFolding.Fold(text[i]) == character[0] && (character.Length == 1 || text[i + 1] == character[1]))
            {
                spans.Add(new MatchSpan(i, i + character.Length, bit));
            }
        }
    }

    private TermOccurrences Occurrences(string term, int doc)
    {
        if (!_terms.TryGetValue(term, out var occurrences))
        {
            _termsEnum ??= reader.GetTerms(ReportFields.BodyBigrams)?.GetEnumerator();
            var postings = _termsEnum is not null && _termsEnum.SeekExact(new BytesRef(term))
                ? _termsEnum.DocsAndPositions(null, null, DocsAndPositionsFlags.OFFSETS)
                : null;
            _terms[term] = occurrences = new TermOccurrences(postings);
        }

        occurrences.ReadAt(doc);
        return occurrences;
    }

    /// <summary>One term's postings and its positions and offsets in the document last read.</summary>
    private sealed class TermOccurrences(DocsAndPositionsEnum? postings)
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
            if (postings is null || (postings.DocID < doc ? postings.Advance(doc) : postings.DocID) != doc)
            {
                return;
            }

            Count = postings.Freq;
            if (Positions.Length < Count)
            {
                var size = ArrayUtil.Oversize(Count, sizeof(int));
                (Positions, Starts, Ends) = (new int[size], new int[size], new int[size]);
            }

            for (var i = 0; i < Count; i++)
            {
                Positions[i] = postings.NextPosition();
                Starts[i] = postings.StartOffset;
                Ends[i] = postings.EndOffset;
            }
        }
    }
}
