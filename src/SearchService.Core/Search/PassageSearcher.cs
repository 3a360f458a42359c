using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Extraction;
using SearchService.Indexing;

namespace SearchService.Search;

/// <summary>A paragraph that matches, with its report and the section it stands in.</summary>
public sealed record PassageHit(ReportMetadata Report, float ReportScore, string? SectionHeading, string? SectionKind, string Text);

public sealed record PassageResult(int TotalReports, int TotalPassages, IReadOnlyList<PassageHit> Passages);

/// <summary>
/// Answers with paragraphs instead of reports: the best-scoring reports are read paragraph by paragraph, and the
/// paragraphs holding the most distinct query terms come first, at most a few per report.
/// </summary>
public sealed class PassageSearcher(ReportIndex index)
{
    private const int MaxReports = 1000;

    public PassageResult Search(SearchRequest request, ParsedQuery query, int perReport, int passageLength) => index.Read(searcher =>
    {
        var top = TopScoreDocCollector.Create(Math.Clamp((request.Offset + request.Limit) * 2, 1, MaxReports), docsScoredInOrder: true);
        using var counter = ReportSearcher.Collect(searcher, request, query, top);
        var groups = SnippetHighlighter.GroupsOf(query.Query);
        var kinds = request.Sections.ToHashSet();
        var candidates = new List<(int Distinct, int Rank, PassageHit Hit)>();
        var leaves = searcher.IndexReader.Leaves;
        var hits = top.GetTopDocs().ScoreDocs;
        var found = SnippetHighlighter.FindSpans(searcher.IndexReader, hits.Select(d => d.Doc).ToArray(), groups);
        for (var rank = 0; rank < hits.Length; rank++)
        {
            var scoreDoc = hits[rank];
            var leaf = leaves[ReaderUtil.SubIndex(scoreDoc.Doc, leaves)];
            var report = ReportDocument.ReadMetadata(leaf.AtomicReader.Document(scoreDoc.Doc - leaf.DocBase, ReportDocument.MetadataFields));
            var text = ReportDocument.ReadText(leaf.AtomicReader, scoreDoc.Doc - leaf.DocBase).ToString();
            var spans = found[rank];
            var best = Paragraphs(text, spans)
                .Select(p => (Paragraph: p, Section: SectionAt(report.Sections, p.Start)))
                .Where(p => kinds.Count == 0 || (p.Section is not null && kinds.Contains(p.Section.Kind)))
                .OrderByDescending(p => p.Paragraph.Distinct).ThenByDescending(p => p.Paragraph.Matches).ThenBy(p => p.Paragraph.Start)
                .Take(perReport);
            foreach (var (paragraph, section) in best)
            {
                var html = SnippetHighlighter.Stretch(text, paragraph.Start, paragraph.End, spans, passageLength, request.HighlightTag);
                candidates.Add((paragraph.Distinct, rank, new PassageHit(report, scoreDoc.Score, section?.Heading, section?.Kind, html)));
            }
        }

        var ordered = candidates.OrderByDescending(c => c.Distinct).ThenBy(c => c.Rank).Select(c => c.Hit).ToList();
        return new PassageResult(counter.TotalHits, ordered.Count, ordered.Skip(request.Offset).Take(request.Limit).ToList());
    });

    /// <summary>The text's lines that hold at least one match, with how many distinct query parts and matches they hold.</summary>
    private static IEnumerable<(int Start, int End, int Distinct, int Matches)> Paragraphs(string text, List<MatchSpan> spans)
    {
        var next = 0;
        for (var start = 0; start < text.Length;)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end;
            var (groups, matches) = (0, 0);
            while (next < spans.Count && spans[next].Start < end)
            {
                if (spans[next].Start >= start)
                {
                    groups |= spans[next].Groups;
                    matches++;
                }

                next++;
            }

            if (matches > 0)
            {
                yield return (start, end, System.Numerics.BitOperations.PopCount((uint)groups), matches);
            }

            start = end + 1;
        }
    }

    private static ReportSection? SectionAt(IReadOnlyList<ReportSection> sections, int offset) =>
        sections.LastOrDefault(s => s.Start <= offset && offset < s.End);
}
