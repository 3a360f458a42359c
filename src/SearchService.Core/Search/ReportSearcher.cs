using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Indexing;

namespace SearchService.Search;

/// <summary>Answers searches, report look-ups and facet listings from the current searcher.</summary>
public sealed class ReportSearcher(ReportIndex index, QueryTranslator translator)
{
    private static readonly Sort ByDate = new(
        new SortField(ReportFields.PublishDateSort, SortFieldType.INT64, reverse: true),
        SortField.FIELD_SCORE);

    private static readonly ISet<string> HitFields = new HashSet<string>(ReportDocument.MetadataFields) { ReportFields.Body };

    /// <summary>Reads the query text; blank text matches every report.</summary>
    public bool TryReadQuery(string? text, out Query query, out string? error)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            (query, error) = (new MatchAllDocsQuery(), null);
            return true;
        }

        return translator.TryParse(text, out query, out error);
    }

    public SearchResult Search(SearchRequest request, Query query) => index.Read(searcher =>
    {
        var dimensions = ReportFields.FacetDimensions.ToArray();
        var filters = dimensions.Select(d => Allowed(searcher.Facets[d], d, request)).ToArray();
        var wanted = Math.Max(1, request.Offset + request.Limit);
        ICollector top;
        Func<int, int, TopDocs> page;
        if (request.Sort == SearchSort.Date)
        {
            var byDate = TopFieldCollector.Create(ByDate, wanted, fillFields: false, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: true);
            (top, page) = (byDate, byDate.GetTopDocs);
        }
        else
        {
            var byScore = TopScoreDocCollector.Create(wanted, docsScoredInOrder: true);
            (top, page) = (byScore, byScore.GetTopDocs);
        }

        var counter = new FacetCounter(top, searcher.Facets, dimensions, filters);
        searcher.Search(query, counter);

        var groups = SnippetHighlighter.GroupsOf(query);
        var hitDocs = page(request.Offset, request.Limit).ScoreDocs;
        var hits = new List<SearchHit>(hitDocs.Length);
        var leaves = searcher.IndexReader.Leaves;
        foreach (var scoreDoc in hitDocs)
        {
            var leaf = leaves[ReaderUtil.SubIndex(scoreDoc.Doc, leaves)];
            var doc = leaf.AtomicReader.Document(scoreDoc.Doc - leaf.DocBase, HitFields);
            var text = doc.Get(ReportFields.Body) ?? "";
            var spans = SnippetHighlighter.FindSpans(leaf.AtomicReader, scoreDoc.Doc - leaf.DocBase, groups);
            var snippets = SnippetHighlighter.Snippets(text, spans, request.SnippetCount, request.SnippetLength, request.HighlightTag);
            hits.Add(new SearchHit(ReportDocument.ReadMetadata(doc), float.IsNaN(scoreDoc.Score) ? 0 : scoreDoc.Score, snippets));
        }

        var facets = new Dictionary<string, FacetResult>(dimensions.Length);
        for (var d = 0; d < dimensions.Length; d++)
        {
            facets[dimensions[d]] = Top(searcher.Facets[dimensions[d]].Values, counter.Counts[d], request.FacetSize);
        }

        return new SearchResult(counter.TotalHits, hits, facets);
    });

    /// <summary>Every facet dimension with all its values, over the whole index.</summary>
    public IReadOnlyDictionary<string, FacetResult> AllFacets() =>
        Search(new SearchRequest { Limit = 0, SnippetCount = 0, FacetSize = int.MaxValue }, new MatchAllDocsQuery()).Facets;

    /// <summary>One report with its text; with a query, the text has every match marked.</summary>
    public ReportView? Get(string id, Query? highlight = null, string tag = "em") => index.Read(searcher =>
    {
        var found = searcher.Search(new TermQuery(new Term(ReportFields.Id, id)), 1).ScoreDocs;
        if (found.Length == 0)
        {
            return null;
        }

        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(found[0].Doc, leaves)];
        var docId = found[0].Doc - leaf.DocBase;
        var doc = leaf.AtomicReader.Document(docId);
        var text = doc.Get(ReportFields.Body) ?? "";
        string? marked = null;
        if (highlight is not null)
        {
            var spans = SnippetHighlighter.FindSpans(leaf.AtomicReader, docId, SnippetHighlighter.GroupsOf(highlight));
            marked = SnippetHighlighter.Snippets(text, spans, 0, 0, tag)[0];
        }

        return new ReportView(ReportDocument.ReadMetadata(doc), text, marked);
    });

    /// <summary>The global ordinals a filter allows in one dimension, or null when the dimension is not filtered.</summary>
    private static bool[]? Allowed(FacetState.Dimension dimension, string name, SearchRequest request)
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

    private static FacetResult Top(string[] values, int[] counts, int size)
    {
        var nonZero = new List<FacetValue>();
        for (var ord = 0; ord < counts.Length; ord++)
        {
            if (counts[ord] > 0)
            {
                nonZero.Add(new FacetValue(values[ord], counts[ord]));
            }
        }

        nonZero.Sort((a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Value, b.Value));
        return nonZero.Count <= size ? new FacetResult(nonZero, 0) : new FacetResult(nonZero.GetRange(0, size), nonZero.Count - size);
    }
}

/// <summary>A report with its clean text and, when asked with a query, the text with matches marked.</summary>
public sealed record ReportView(ReportMetadata Report, string Text, string? HighlightedText);
