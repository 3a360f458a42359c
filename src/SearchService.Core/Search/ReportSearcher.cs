using System.Collections.Frozen;
using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchService.Analysis;
using SearchService.Indexing;

namespace SearchService.Search;

/// <summary>Answers searches, report look-ups and facet listings from the current searcher.</summary>
public sealed class ReportSearcher(ReportIndex index, QueryTranslator translator)
{
    private static readonly string[] Dimensions = [.. ReportFields.FacetDimensions];
    private static readonly string[] DimensionsWithRegionProvinces = [.. Dimensions.Select(d => d == ReportFields.Region ? FacetState.RegionProvinces : d)];
    // Province, city, county and township codes have these lengths; each is its parent's code and more digits.
    private static readonly int[] CodeLengths = [FacetState.ProvinceCodeLength, 4, 6, 9];
    private static readonly SortField ByDate = new(ReportFields.PublishDateSort, SortFieldType.INT64, reverse: true);
    // A hit in a result list shows neither sections nor citations: their stored values stay unread.
    private static readonly ISet<string> HitFields = new HashSet<string>(
        ReportDocument.MetadataFields.Except([ReportFields.Sections, ReportFields.CitedLaw, ReportFields.DocNumber]));

    /// <summary>Reads the query text; blank text matches every report.</summary>
    public bool TryReadQuery(string? text, out ParsedQuery query, out string? error, bool variants = true)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            (query, error) = (ParsedQuery.MatchAll, null);
            return true;
        }

        return translator.TryParse(text, variants, out query, out error);
    }

    /// <summary>Searches; when the exact reading of a long term finds nothing, its sentence reading is searched instead.</summary>
    public SearchResult Search(SearchRequest request, ParsedQuery query)
    {
        var result = SearchExactly(request, query);
        return result.Total == 0 && query.Relaxed is { } relaxed ? SearchExactly(request, relaxed) with { Relaxed = true } : result;
    }

    private SearchResult SearchExactly(SearchRequest request, ParsedQuery query) => request.After is { } cursor
        ? index.Read(cursor.Version, searcher => SearchOn(searcher, request, query, cursor.After))
        : index.Read(searcher => SearchOn(searcher, request, query, after: null));

    private SearchResult SearchOn(ReportIndexSearcher searcher, SearchRequest request, ParsedQuery query, FieldDoc? after)
    {
        FacetCounter counter;
        ScoreDoc[] page;
        IReadOnlySet<int> rescored = FrozenSet<int>.Empty;
        if (query.Near is { } near && request.Sort == SearchSort.Relevance && request.Limit > 0)
        {
            (counter, page, rescored) = SearchRescored(searcher, request, query, near, after);
        }
        else
        {
            // By date, closeness only breaks ties of equal dates, so it is scored on every hit; with no page, nowhere.
            query = query with { Query = request.Sort == SearchSort.Date ? query.Scored : query.Query, Near = null };
            var top = new Ranking(searcher, searcher.PartsNow, request.Sort, Math.Max(1, after is null ? request.Offset + request.Limit : request.Limit), after);
            counter = Collect(searcher, request, query, top.Parts, Shown(request));
            page = top.Best(after is null ? request.Offset : 0, request.Limit);
        }

        using var _ = counter;
        var groups = SnippetHighlighter.GroupsOf(query.Query);
        var hits = new List<SearchHit>(page.Length);
        var leaves = searcher.IndexReader.Leaves;
        var spans = SnippetHighlighter.FindSpans(searcher.IndexReader, page.Select(d => d.Doc).ToArray(), groups);
        for (var i = 0; i < page.Length; i++)
        {
            var scoreDoc = page[i];
            var leaf = leaves[ReaderUtil.SubIndex(scoreDoc.Doc, leaves)];
            var doc = leaf.AtomicReader.Document(scoreDoc.Doc - leaf.DocBase, HitFields);
            var text = ReportDocument.ReadText(leaf.AtomicReader, scoreDoc.Doc - leaf.DocBase);
            var snippets = SnippetHighlighter.Snippets(text, spans[i], request.SnippetCount, request.SnippetLength, request.HighlightTag);
            var explanation = request.Explain ? Explain(searcher, query, scoreDoc.Doc, rescored.Contains(scoreDoc.Doc)) : null;
            hits.Add(new SearchHit(ReportDocument.ReadMetadata(doc), float.IsNaN(scoreDoc.Score) ? 0 : scoreDoc.Score, snippets, explanation));
        }

        var facets = new Dictionary<string, FacetResult>(Dimensions.Length);
        for (var d = 0; d < Dimensions.Length; d++)
        {
            var dimension = Dimensions[d];
            facets[dimension] = dimension == ReportFields.Region
                ? RegionValues(searcher.Facets[dimension], counter.CountsOf(d), request.Filters.GetValueOrDefault(ReportFields.Region) ?? [])
                : Top(searcher.Facets[dimension], counter.CountsOf(d), request.FacetSize);
        }

        var next = page.Length == request.Limit && page.Length > 0 ? PageCursor.Encode(index.Remember(searcher), (FieldDoc)page[^1]) : null;
        return new SearchResult(counter.TotalHits, hits, facets, next);
    }

    /// <summary>
    /// A page ranked with proximity over the query's best hits (<see cref="ProximityRescorer"/>). By offset, the
    /// window and the page are both among the query's first <c>offset + limit</c> hits (or the window's, if more).
    /// After a cursor, the page is drawn from the rescored window's hits past it and the query's own next hits past
    /// it that are outside the window, both collected in one pass: at most a window's worth of those next hits are
    /// in the window, so collecting a window more than the page always leaves enough. Also returns the documents
    /// rescored.
    /// </summary>
    private static (FacetCounter Counter, ScoreDoc[] Page, IReadOnlySet<int> Rescored) SearchRescored(
        ReportIndexSearcher searcher, SearchRequest request, ParsedQuery query, ProximityQuery near, FieldDoc? after)
    {
        var parts = searcher.PartsNow;
        var window = new Ranking(searcher, parts, SearchSort.Relevance, after is null ? Math.Max(ProximityRescorer.Window, request.Offset + request.Limit) : ProximityRescorer.Window, after: null);
        var next = after is null ? null : new Ranking(searcher, parts, SearchSort.Relevance, ProximityRescorer.Window + request.Limit, after);
        var counter = Collect(searcher, request, query, next is null
            ? window.Parts
            : [.. window.Parts.Zip(next.Parts, (w, n) => new ScoredOnce(MultiCollector.Wrap(w, n)))], Shown(request));
        try
        {
            var best = window.Best();
            var inWindow = best[..Math.Min(best.Length, ProximityRescorer.Window)];
            var rescored = inWindow.Select(h => h.Doc).ToHashSet();
            var outside = next is null ? best.Skip(inWindow.Length) : next.Best().Where(h => !rescored.Contains(h.Doc));
            var ranked = ProximityRescorer.Rescore(searcher, near, inWindow, outside);
            var page = after is null
                ? ranked.Skip(request.Offset).Take(request.Limit)
                : ranked.Where(h => ProximityRescorer.IsAfter(h, after)).Take(request.Limit);
            return (counter, [.. page], rescored);
        }
        catch
        {
            counter.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The dimensions a result page counts, in <see cref="Dimensions"/> order: with no division selected, the region
    /// facet shows provinces alone and only their codes are counted (<see cref="FacetState.RegionProvinces"/>).
    /// </summary>
    private static string[] Shown(SearchRequest request) =>
        request.Filters.GetValueOrDefault(ReportFields.Region) is { Count: > 0 } ? Dimensions : DimensionsWithRegionProvinces;

    /// <summary>
    /// Collectors that share one score per hit: Lucene 4.8's <see cref="MultiCollector"/> hands each of them the
    /// query's scorer, and each collector ranking by score would score every hit again.
    /// </summary>
    private sealed class ScoredOnce(ICollector collectors) : ICollector
    {
        public bool AcceptsDocsOutOfOrder => collectors.AcceptsDocsOutOfOrder;

        public void SetScorer(Scorer scorer) => collectors.SetScorer(new ScoreCachingWrappingScorer(scorer));

        public void SetNextReader(AtomicReaderContext context) => collectors.SetNextReader(context);

        public void Collect(int doc) => collectors.Collect(doc);
    }

    /// <summary>The best hits by one sort: each part of the index searched ranks its own, merged when read.</summary>
    private sealed class Ranking
    {
        private readonly Sort? _byDate; // null: by relevance
        private readonly int _size;

        /// <param name="parts">How many parts the index is searched in (<see cref="ReportIndexSearcher.PartsNow"/>): a collector each.</param>
        public Ranking(ReportIndexSearcher searcher, int parts, SearchSort sort, int size, FieldDoc? after)
        {
            _size = size;
            if (sort == SearchSort.Relevance)
            {
                Parts = [.. Enumerable.Range(0, parts).Select(_ => new TopHitsByScore(searcher.Ids, size, after))];
                return;
            }

            _byDate = new Sort(ByDate, SortField.FIELD_SCORE, searcher.Ids.SortField);
            Parts = [.. Enumerable.Range(0, parts).Select(_ => TopFieldCollector.Create(
                _byDate, size, after, fillFields: true, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: true))];
        }

        public ICollector[] Parts { get; }

        /// <summary>The hits from <paramref name="start"/> on, at most <paramref name="count"/> of them (all kept when omitted).</summary>
        public ScoreDoc[] Best(int start = 0, int? count = null) => _byDate is null
            ? TopHitsByScore.Merge([.. Parts.Cast<TopHitsByScore>()], start, count ?? _size)
            : TopDocs.Merge(_byDate, start, count ?? _size, [.. Parts.Cast<TopFieldCollector>().Select(p => p.GetTopDocs())]).ScoreDocs;
    }

    /// <summary>
    /// Runs the query with the request's filters: documents that pass them all reach <paramref name="hits"/>, and
    /// every facet dimension is counted on the side (each ignoring its own filter). Dispose the counter when done.
    /// </summary>
    internal static FacetCounter Collect(ReportIndexSearcher searcher, SearchRequest request, ParsedQuery query, ICollector hits) =>
        Collect(searcher, request, query, [hits]);

    /// <summary>
    /// As <see cref="Collect(ReportIndexSearcher, SearchRequest, ParsedQuery, ICollector)"/>, the index searched in
    /// parts at once, each part's hits into its own collector (<see cref="ReportIndexSearcher.Parts"/> of them), and
    /// <paramref name="dimensions"/> counted in that order (every facet dimension when null).
    /// </summary>
    internal static FacetCounter Collect(ReportIndexSearcher searcher, SearchRequest request, ParsedQuery query, IReadOnlyList<ICollector> hits, string[]? dimensions = null)
    {
        dimensions ??= Dimensions;
        var filters = dimensions.Select(d => Allowed(searcher.Facets[d], d, request)).ToArray();
        var counter = new FacetCounter(hits, searcher.Facets, dimensions, filters, InSections(request.Sections, query), searcher.Parallel);
        searcher.Search(query.Query, counter.Parts);
        return counter;
    }

    /// <summary>Every facet dimension with all its values, over the whole index.</summary>
    public IReadOnlyDictionary<string, FacetResult> AllFacets() =>
        Search(new SearchRequest { Limit = 0, SnippetCount = 0, FacetSize = int.MaxValue }, ParsedQuery.MatchAll).Facets;

    /// <summary>One report with its text; with a query, the text has every match marked.</summary>
    public ReportView? Get(string id, ParsedQuery? highlight = null, string tag = "em") => index.Read(searcher =>
    {
        if (Find(searcher, id) is not var (leaf, docId))
        {
            return null;
        }

        var doc = leaf.AtomicReader.Document(docId);
        var text = ReportDocument.ReadText(leaf.AtomicReader, docId).ToString();
        string? marked = null;
        if (highlight is not null)
        {
            var spans = SnippetHighlighter.FindSpans(leaf.AtomicReader, docId, SnippetHighlighter.GroupsOf(highlight.Query));
            marked = SnippetHighlighter.Snippets(text, spans, 0, 0, tag)[0];
        }

        return new ReportView(ReportDocument.ReadMetadata(doc), text, marked);
    });

    /// <summary>The file the report with <paramref name="id"/> was read from, if there is such a report.</summary>
    public string? SourcePathOf(string id) => index.Read(searcher =>
    {
        if (Find(searcher, id) is not var (leaf, doc) || leaf.AtomicReader.GetBinaryDocValues(ReportFields.SourcePath) is not { } paths)
        {
            return null;
        }

        var path = new BytesRef();
        paths.Get(doc, path);
        return path.Utf8ToString();
    });

    /// <summary>The segment and segment-local number of the report with <paramref name="id"/>, if any.</summary>
    internal static (AtomicReaderContext Leaf, int Doc)? Find(IndexSearcher searcher, string id)
    {
        var found = searcher.Search(new TermQuery(new Term(ReportFields.Id, id)), 1).ScoreDocs;
        if (found.Length == 0)
        {
            return null;
        }

        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(found[0].Doc, leaves)];
        return (leaf, found[0].Doc - leaf.DocBase);
    }

    /// <summary>The ordinals a filter allows in one dimension, or null when the dimension is not filtered.</summary>
    internal static bool[]? Allowed(FacetState.Dimension dimension, string name, SearchRequest request)
    {
        var values = request.Filters.GetValueOrDefault(name);
        var yearRange = name == ReportFields.Year && (request.YearFrom is not null || request.YearTo is not null);
        if ((values is null || values.Count == 0) && !yearRange)
        {
            return null;
        }

        var allowed = new bool[dimension.Values.Length];
        if (values is { Count: > 0 })
        {
            foreach (var value in values)
            {
                if (dimension.OrdinalOf(value) is var ord and >= 0)
                {
                    allowed[ord] = true;
                }
            }
        }
        else
        {
            Array.Fill(allowed, true);
        }

        if (yearRange)
        {
            for (var ord = 0; ord < allowed.Length; ord++)
            {
                var year = int.Parse(dimension.Values[ord], CultureInfo.InvariantCulture);
                allowed[ord] &= year >= (request.YearFrom ?? int.MinValue) && year <= (request.YearTo ?? int.MaxValue);
            }
        }

        return allowed;
    }

    /// <summary>
    /// The <paramref name="size"/> values with the highest counts, ties in value order, without sorting them all.
    /// The largest counts are found by count alone (ordinals follow the order values were first seen, not value order);
    /// of the values tied at the lowest count kept, those first in value order are then picked without comparing each:
    /// a query matching most reports ties tens of thousands of document numbers at one.
    /// </summary>
    internal static FacetResult Top(FacetState.Dimension dimension, ReadOnlySpan<int> counts, int size)
    {
        var best = new PriorityQueue<int, int>(Math.Min(size, 64) + 1);
        var nonZero = counts.Length - counts.Count(0);
        var ord = NextCounted(counts, 0);
        for (; ord >= 0 && best.Count < size; ord = NextCounted(counts, ord + 1))
        {
            best.Enqueue(ord, counts[ord]);
        }

        // Once full, only a count above the lowest kept one changes the queue: such counts are sought many at a
        // time, as a common term at 200,000 reports leaves a count on nearly every one of 180,000 document numbers.
        while (ord >= 0 && size > 0 && best.TryPeek(out _, out var floor)
            && counts[ord..].IndexOfAnyExceptInRange(0, floor) is var above and >= 0)
        {
            ord += above;
            best.EnqueueDequeue(ord, counts[ord]);
            ord++;
        }

        // Full, every value counted above the lowest kept count is kept; the places left go to the values at that
        // count first in value order.
        var lowest = best.Count == size && best.TryPeek(out _, out var kept) ? kept : 0;
        var top = best.UnorderedItems.Where(e => e.Priority > lowest).ToList();
        if (lowest > 0)
        {
            top.AddRange(FirstInValueOrder(dimension, counts, lowest, size - top.Count).Select(ord => (ord, lowest)));
        }

        var values = dimension.Values;
        top.Sort((a, b) => a.Priority != b.Priority ? b.Priority.CompareTo(a.Priority) : string.CompareOrdinal(values[a.Element], values[b.Element]));
        return new FacetResult([.. top.Select(e => new FacetValue(dimension.Values[e.Element], e.Priority))], nonZero - top.Count);
    }

    /// <summary>
    /// The <paramref name="wanted"/> values counted exactly <paramref name="count"/> that come first in value order:
    /// a few such values are gathered and sorted; many are met early walking the values in order.
    /// </summary>
    private static List<int> FirstInValueOrder(FacetState.Dimension dimension, ReadOnlySpan<int> counts, int count, int wanted)
    {
        var result = new List<int>(wanted);
        if (counts.Count(count) <= 64L * wanted)
        {
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] == count)
                {
                    result.Add(ord);
                }
            }

            var values = dimension.Values;
            result.Sort((a, b) => string.CompareOrdinal(values[a], values[b]));
            return result[..Math.Min(wanted, result.Count)];
        }

        foreach (var ord in dimension.Sorted)
        {
            if (counts[ord] == count)
            {
                result.Add(ord);
                if (result.Count == wanted)
                {
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The first ordinal from <paramref name="from"/> on with a count, or -1: a search that matches a few reports
    /// leaves most of the tens of thousands of cited laws, document numbers and region codes at zero, skipped here
    /// many at a time; one that matches many counts most of them, and the next ordinal is checked first.
    /// </summary>
    private static int NextCounted(ReadOnlySpan<int> counts, int from) =>
        from < counts.Length && counts[from] != 0 ? from
        : counts[from..].IndexOfAnyExcept(0) is var next and >= 0 ? from + next : -1;

    /// <summary>
    /// The region codes the tree shows: every province, and below each division on the selected path (the selected
    /// codes and their ancestors) its children; a query's other divisions are left uncounted here.
    /// </summary>
    internal static FacetResult RegionValues(FacetState.Dimension dimension, ReadOnlySpan<int> counts, IReadOnlyCollection<string> selected)
    {
        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in selected)
        {
            foreach (var length in CodeLengths)
            {
                if (length <= code.Length)
                {
                    open.Add(code[..length]);
                }
            }
        }

        var shown = new List<FacetValue>();
        if (open.Count == 0)
        {
            // Provinces only: a common word counts tens of thousands of codes, and reading each one's text cost more than the rest.
            foreach (var ord in dimension.OrdinalsOfLength(CodeLengths[0]))
            {
                if (counts[ord] > 0)
                {
                    shown.Add(new FacetValue(dimension.Values[ord], counts[ord]));
                }
            }

            return new FacetResult(shown, 0);
        }

        // Codes are looked up by their prefixes as spans: a search lists hundreds of codes, and substrings of each would be garbage.
        var openPrefix = open.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var ord = NextCounted(counts, 0); ord >= 0; ord = NextCounted(counts, ord + 1))
        {
            var code = dimension.Values[ord];
            if (code.Length == 2 || (openPrefix.Contains(code.AsSpan(0, 2)) && ParentOf(dimension, counts, code) is >= 0 and var parent && open.Contains(dimension.Values[parent])))
            {
                shown.Add(new FacetValue(code, counts[ord]));
            }
        }

        return new FacetResult(shown, 0);

        // The nearest shorter code that is counted: a county under a municipality hangs under the province.
        static int ParentOf(FacetState.Dimension dimension, ReadOnlySpan<int> counts, string code)
        {
            for (var i = CodeLengths.Length - 2; i >= 0; i--)
            {
                var length = CodeLengths[i];
                if (length < code.Length && dimension.OrdinalOf(code.AsSpan(0, length)) is var ord and >= 0 && counts[ord] > 0)
                {
                    return ord;
                }
            }

            return -1;
        }
    }

    /// <summary>
    /// With section kinds asked for, a report counts only where a match of the query lies inside a section of
    /// one of them (with no query: where it has such a section). Makes one such condition per part searched, as
    /// each keeps its segment's spans.
    /// </summary>
    private static Func<Func<AtomicReaderContext, int, bool>>? InSections(IReadOnlyCollection<string> sections, ParsedQuery query)
    {
        if (sections.Count == 0)
        {
            return null;
        }

        var groups = SnippetHighlighter.GroupsOf(query.Query);
        var kinds = SectionSpans.KindSet(sections);
        return () => InSections(groups, kinds);
    }

    private static Func<AtomicReaderContext, int, bool> InSections(IReadOnlyList<MatchGroup> groups, bool[] kinds)
    {
        var scratch = new BytesRef();
        (AtomicReaderContext Segment, SegmentSpans Spans)? current = null;
        return (segment, doc) =>
        {
            if (segment.AtomicReader.GetBinaryDocValues(ReportFields.SectionSpans) is not { } values)
            {
                return false;
            }

            values.Get(doc, scratch);
            if (groups.Count == 0)
            {
                return SectionSpans.HasKind(scratch, kinds);
            }

            if (current?.Segment != segment)
            {
                current = (segment, new SegmentSpans(segment.AtomicReader, groups));
            }

            foreach (var span in current.Value.Spans.Of(doc))
            {
                if (SectionSpans.Contains(scratch, kinds, span.Start, span.End))
                {
                    return true;
                }
            }

            return false;
        };
    }

    private static HitExplanation Explain(IndexSearcher searcher, ParsedQuery query, int doc, bool rescored)
    {
        var terms = new List<TermMatch>(query.Terms.Count);
        foreach (var term in query.Terms)
        {
            terms.Add(HowMatched(searcher, term, doc));
        }

        // Outside the rescoring window a hit's score is the query's alone.
        return new HitExplanation(terms, ScoreTree(searcher.Explain(rescored ? query.Scored : query.Query, doc), depth: 0));
    }

    private static TermMatch HowMatched(IndexSearcher searcher, QueryTerm term, int doc)
    {
        foreach (var form in term.Forms)
        {
            if (!searcher.Explain(form.Substring, doc).IsMatch)
            {
                continue;
            }

            if (form.IsSynonym)
            {
                return new TermMatch(term.Text, "synonym", form.Text);
            }

            if (CharacterFolding.Fold(term.Text) != term.Text && !term.Text.All(c => c < 0x80))
            {
                return new TermMatch(term.Text, "variant", CharacterFolding.Fold(term.Text));
            }

            var whole = form.WholeWord is not null && searcher.Explain(form.WholeWord, doc).IsMatch;
            return new TermMatch(term.Text, whole ? "wholeWord" : "substring", null);
        }

        return new TermMatch(term.Text, "none", null);
    }

    private static ScorePart ScoreTree(Explanation explanation, int depth) => new(
        explanation.Value,
        explanation.Description,
        depth >= 3 ? [] : explanation.GetDetails()?.Select(d => ScoreTree(d, depth + 1)).ToList() ?? []);
}

/// <summary>A report with its clean text and, when asked with a query, the text with matches marked.</summary>
public sealed record ReportView(ReportMetadata Report, string Text, string? HighlightedText);
