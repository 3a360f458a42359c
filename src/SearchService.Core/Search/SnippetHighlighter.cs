using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchService.Indexing;

namespace SearchService.Search;

/// <summary>
/// Builds highlighted snippets from the offsets stored in the bigram field's postings: the stored text is never
/// re-analyzed, so the cost follows the number of matches, not the length of the report.
/// </summary>
public static class SnippetHighlighter
{
    private const string Ellipsis = "…";

    /// <summary>The positive terms and phrases of <paramref name="query"/> on the body, as groups to find together.</summary>
    public static IReadOnlyList<MatchGroup> GroupsOf(Query query)
    {
        var groups = new List<MatchGroup>();
        Collect(query, groups);
        return groups;
    }

    /// <summary>Where the groups occur in one document: merged character spans in text order.</summary>
    public static List<MatchSpan> FindSpans(AtomicReader reader, int doc, IReadOnlyList<MatchGroup> groups) =>
        new SegmentSpans(reader, groups).Of(doc);

    /// <summary>
    /// The spans of each of <paramref name="docs"/> (top-level document numbers, in any order), read segment by
    /// segment in document order so that each term is looked up once per segment, not once per document.
    /// </summary>
    public static List<MatchSpan>[] FindSpans(IndexReader reader, IReadOnlyList<int> docs, IReadOnlyList<MatchGroup> groups)
    {
        var spans = new List<MatchSpan>[docs.Count];
        var leaves = reader.Leaves;
        SegmentSpans? segment = null;
        var leaf = -1;
        foreach (var i in Enumerable.Range(0, docs.Count).OrderBy(i => docs[i]))
        {
            var at = ReaderUtil.SubIndex(docs[i], leaves);
            if (at != leaf)
            {
                (leaf, segment) = (at, new SegmentSpans(leaves[at].AtomicReader, groups));
            }

            spans[i] = segment!.Of(docs[i] - leaves[at].DocBase);
        }

        return spans;
    }

    /// <summary>Up to <paramref name="count"/> passages of about <paramref name="length"/> characters, in text order.</summary>
    public static IReadOnlyList<string> Snippets(ReadOnlySpan<char> text, List<MatchSpan> spans, int count, int length, string tag)
    {
        if (count <= 0)
        {
            return [Render(text, 0, text.Length, spans, tag, collapseWhitespace: false)];
        }

        if (spans.Count == 0)
        {
            var lead = Passage.Around(text, 0, 0, length);
            return text.Length == 0 ? [] : [Render(text, lead.Start, lead.End, spans, tag, collapseWhitespace: true)];
        }

        var candidates = new List<Passage>();
        foreach (var span in spans)
        {
            var passage = Passage.Around(text, span.Start, span.End, length);
            if (candidates.Count > 0 && candidates[^1].Start == passage.Start && candidates[^1].End == passage.End)
            {
                continue;
            }

            candidates.Add(passage.Scored(spans));
        }

        var chosen = new List<Passage>();
        foreach (var passage in candidates.OrderByDescending(p => p.Score).ThenBy(p => p.Start))
        {
            if (chosen.Count == count)
            {
                break;
            }

            if (!chosen.Any(c => c.Start < passage.End && passage.Start < c.End))
            {
                chosen.Add(passage);
            }
        }

        chosen.Sort((a, b) => a.Start.CompareTo(b.Start));
        var snippets = new string[chosen.Count];
        for (var i = 0; i < snippets.Length; i++)
        {
            snippets[i] = Render(text, chosen[i].Start, chosen[i].End, spans, tag, collapseWhitespace: true);
        }

        return snippets;
    }

    /// <summary>
    /// The stretch [start, end) of the text with its marks; a longer stretch than <paramref name="length"/> is cut
    /// to its best passage of that length.
    /// </summary>
    public static string Stretch(string text, int start, int end, List<MatchSpan> spans, int length, string tag)
    {
        var inside = spans.Where(s => s.Start >= start && s.End <= end).Select(s => s with { Start = s.Start - start, End = s.End - start }).ToList();
        var stretch = text.AsSpan(start, end - start);
        return end - start <= length
            ? Render(stretch, 0, stretch.Length, inside, tag, collapseWhitespace: true)
            : Snippets(stretch, inside, 1, length, tag).FirstOrDefault() ?? "";
    }

    private static void Collect(Query query, List<MatchGroup> groups)
    {
        switch (query)
        {
            case BooleanQuery boolean:
                foreach (var clause in boolean.Clauses)
                {
                    if (clause.Occur != Occur.MUST_NOT)
                    {
                        Collect(clause.Query, groups);
                    }
                }

                break;
            case ProximityQuery:
                break;
            case TermQuery term when term.Term.Field == ReportFields.BodyBigrams:
                groups.Add(new MatchGroup([term.Term.Text], [0], 0));
                break;
            case PrefixQuery lone when lone.Prefix.Field == ReportFields.BodyBigrams:
                groups.Add(new MatchGroup([lone.Prefix.Text], [0], 0) { IsPrefix = true });
                break;
            case PhraseQuery phrase when phrase.GetTerms().FirstOrDefault()?.Field == ReportFields.BodyBigrams:
                groups.Add(new MatchGroup(phrase.GetTerms().Select(t => t.Text).ToList(), phrase.GetPositions(), phrase.Slop));
                break;
            case TermQuery term when term.Term.Field is ReportFields.BodyTrigrams or ReportFields.BodyFourGrams:
                groups.Add(BigramsOf([term.Term], [0]));
                break;
            case PhraseQuery phrase when phrase.GetTerms().FirstOrDefault()?.Field == ReportFields.BodyTrigrams:
                groups.Add(BigramsOf(phrase.GetTerms(), phrase.GetPositions()));
                break;
        }
    }

    /// <summary>
    /// The bigram-field group of a trigram tiling or a four-gram: each run of characters at p is its first two at p,
    /// its second and third at p + 1, and so on.
    /// </summary>
    private static MatchGroup BigramsOf(Term[] grams, int[] positions)
    {
        var bigrams = new SortedDictionary<int, string>();
        for (var i = 0; i < grams.Length; i++)
        {
            var text = grams[i].Text;
            var start = 0;
            var next = CharEnd(text, start);
            for (var position = positions[i]; next < text.Length; position++)
            {
                var end = CharEnd(text, next);
                bigrams[position] = text[start..end];
                (start, next) = (next, end);
            }
        }

        return new MatchGroup(bigrams.Values.ToList(), bigrams.Keys.ToArray(), 0);

        static int CharEnd(string text, int start) => start + (char.IsHighSurrogate(text[start]) ? 2 : 1);
    }

    /// <summary>Sorts spans and joins overlapping or touching ones into one mark.</summary>
    internal static List<MatchSpan> Merge(List<MatchSpan> spans)
    {
        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var merged = new List<MatchSpan>(spans.Count);
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End)
            {
                var last = merged[^1];
                merged[^1] = new MatchSpan(last.Start, Math.Max(last.End, span.End), last.Groups | span.Groups);
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }

    private static string Render(ReadOnlySpan<char> text, int start, int end, List<MatchSpan> spans, string tag, bool collapseWhitespace)
    {
        var html = new StringBuilder(end - start + 32);
        if (collapseWhitespace && start > 0 && !IsBoundary(text[start - 1]))
        {
            html.Append(Ellipsis);
        }

        var next = FirstSpanEndingAfter(spans, start);
        var position = start;
        while (position < end)
        {
            if (next < spans.Count && spans[next].Start < end)
            {
                var span = spans[next];
                AppendEscaped(html, text, position, Math.Max(position, span.Start), collapseWhitespace);
                html.Append('<').Append(tag).Append('>');
                AppendEscaped(html, text, Math.Max(position, span.Start), Math.Min(span.End, end), collapseWhitespace);
                html.Append("</").Append(tag).Append('>');
                position = Math.Min(span.End, end);
                next++;
            }
            else
            {
                AppendEscaped(html, text, position, end, collapseWhitespace);
                position = end;
            }
        }

        if (collapseWhitespace && end < text.Length && !IsBoundary(text[end - 1]))
        {
            html.Append(Ellipsis);
        }

        return collapseWhitespace ? html.ToString().Trim() : html.ToString();
    }

    private static bool IsBoundary(char c) => Passage.IsSentenceEnd(c) || char.IsWhiteSpace(c);

    private static int FirstSpanEndingAfter(List<MatchSpan> spans, int offset)
    {
        var i = 0;
        while (i < spans.Count && spans[i].End <= offset)
        {
            i++;
        }

        return i;
    }

    private static void AppendEscaped(StringBuilder html, ReadOnlySpan<char> text, int start, int end, bool collapseWhitespace)
    {
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '<': html.Append("&lt;"); break;
                case '>': html.Append("&gt;"); break;
                case '&': html.Append("&amp;"); break;
                case '"': html.Append("&quot;"); break;
                case '\'': html.Append("&#39;"); break;
                case '\r' or '\n' or '\t' or ' ' or '\u3000' when collapseWhitespace:
                    if (html.Length > 0 && html[^1] != ' ')
                    {
                        html.Append(' ');
                    }

                    break;
                default: html.Append(c); break;
            }
        }
    }

    /// <summary>A stretch of text around a match, cut at sentence ends where the length allows.</summary>
    private readonly record struct Passage(int Start, int End, int Score)
    {
        public static Passage Around(ReadOnlySpan<char> text, int matchStart, int matchEnd, int length)
        {
            var sentenceStart = matchStart;
            while (sentenceStart > 0 && !IsSentenceEnd(text[sentenceStart - 1]))
            {
                sentenceStart--;
            }

            var sentenceEnd = matchEnd;
            while (sentenceEnd < text.Length && !IsSentenceEnd(text[sentenceEnd]))
            {
                sentenceEnd++;
            }

            if (sentenceEnd < text.Length)
            {
                sentenceEnd++; // keep the closing punctuation
            }

            // Whitespace at the edges is not content.
            while (sentenceStart < matchStart && char.IsWhiteSpace(text[sentenceStart]))
            {
                sentenceStart++;
            }

            int start, end;
            if (sentenceEnd - sentenceStart <= length)
            {
                (start, end) = (sentenceStart, sentenceEnd);
            }
            else
            {
                // The sentence is too long: keep the match with some context before it, and cut inside the sentence.
                var before = Math.Max(0, (length - (matchEnd - matchStart)) / 3);
                start = Math.Max(sentenceStart, matchStart - before);
                end = Math.Min(sentenceEnd, Math.Max(matchEnd, start + length));
                start = Math.Max(sentenceStart, Math.Min(start, end - length));
            }

            return new Passage(AlignToChar(text, start), AlignToChar(text, end), 0);
        }

        /// <summary>Distinct query parts in the passage weigh far more than repeats of one.</summary>
        /// <remarks>A mark cut by the passage's edge widens the passage instead: marks are never cut in half.</remarks>
        public Passage Scored(List<MatchSpan> spans)
        {
            var (start, end, groups, matches) = (Start, End, 0, 0);
            foreach (var span in spans)
            {
                if (span.Start < End && Start < span.End)
                {
                    start = Math.Min(start, span.Start);
                    end = Math.Max(end, span.End);
                    groups |= span.Groups;
                    matches++;
                }
            }

            return new Passage(start, end, (System.Numerics.BitOperations.PopCount((uint)groups) * 100) + matches);
        }

        public static bool IsSentenceEnd(char c) => c is '。' or '！' or '？' or '；' or '!' or '?' or ';' or '\n';

        // Never start or end between the two halves of a surrogate pair.
        private static int AlignToChar(ReadOnlySpan<char> text, int offset) =>
            offset > 0 && offset < text.Length && char.IsLowSurrogate(text[offset]) ? offset - 1 : offset;
    }
}

/// <summary>Terms of one query part at their relative positions in the bigram field.</summary>
public sealed record MatchGroup(IReadOnlyList<string> Terms, IReadOnlyList<int> Positions, int Slop)
{
    /// <summary>One character alone, marked wherever it stands (its unigram is indexed only at the edges of runs).</summary>
    public bool IsPrefix { get; init; }
}

/// <summary>A marked stretch [Start, End) of the text; <see cref="Groups"/> is a bit set of the query parts in it.</summary>
public readonly record struct MatchSpan(int Start, int End, int Groups);
