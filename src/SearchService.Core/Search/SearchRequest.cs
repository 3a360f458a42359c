namespace SearchService.Search;

/// <summary>A search as the searcher takes it, already validated.</summary>
public sealed record SearchRequest
{
    /// <summary>The query text; null or blank lists every report that passes the filters.</summary>
    public string? Query { get; init; }

    /// <summary>Per facet dimension, the values a report may have (any of them).</summary>
    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> Filters { get; init; } =
        new Dictionary<string, IReadOnlyCollection<string>>();

    public int? YearFrom { get; init; }
    public int? YearTo { get; init; }
    public int Offset { get; init; }
    public int Limit { get; init; } = 10;
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    public int SnippetCount { get; init; } = 3;
    public int SnippetLength { get; init; } = 100;
    public string HighlightTag { get; init; } = "em";

    /// <summary>Values returned per facet dimension.</summary>
    public int FacetSize { get; init; } = 20;
}

public enum SearchSort
{
    Relevance,
    Date,
}

/// <summary>One page of results with facet counts over all hits.</summary>
public sealed record SearchResult(int Total, IReadOnlyList<SearchHit> Hits, IReadOnlyDictionary<string, FacetResult> Facets);

public sealed record SearchHit(ReportMetadata Report, float Score, IReadOnlyList<string> Snippets);

public sealed record FacetValue(string Value, int Count);

/// <summary>A dimension's values by count, then value; <see cref="Other"/> values were left out by the size limit.</summary>
public sealed record FacetResult(IReadOnlyList<FacetValue> Values, int Other);
