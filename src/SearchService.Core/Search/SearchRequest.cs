namespace SearchService.Search;

/// <summary>A search as the searcher takes it, already validated.</summary>
public sealed record SearchRequest
{
    /// <summary>Per facet dimension, the values a report may have (any of them).</summary>
    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> Filters { get; init; } =
        new Dictionary<string, IReadOnlyCollection<string>>();

    public int? YearFrom { get; init; }
    public int? YearTo { get; init; }

    /// <summary>Section kinds the query's matches must lie in (any of them); empty for anywhere.</summary>
    public IReadOnlyCollection<string> Sections { get; init; } = [];

    public int Offset { get; init; }
    public int Limit { get; init; } = 10;

    /// <summary>Continue after this cursor (from a previous page's <see cref="SearchResult.NextCursor"/>) instead of <see cref="Offset"/>.</summary>
    public PageCursor? After { get; init; }

    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    public int SnippetCount { get; init; } = 3;
    public int SnippetLength { get; init; } = 100;
    public string HighlightTag { get; init; } = "em";

    /// <summary>Values returned per facet dimension.</summary>
    public int FacetSize { get; init; } = 20;

    /// <summary>Adds to each hit which terms matched and how, and the score's parts.</summary>
    public bool Explain { get; init; }
}

public enum SearchSort
{
    Relevance,
    Date,
}

/// <summary>One page of results with facet counts over all hits.</summary>
public sealed record SearchResult(int Total, IReadOnlyList<SearchHit> Hits, IReadOnlyDictionary<string, FacetResult> Facets, string? NextCursor)
{
    /// <summary>True when nothing held a long term exactly and its words were searched instead.</summary>
    public bool Relaxed { get; init; }
}

public sealed record SearchHit(ReportMetadata Report, float Score, IReadOnlyList<string> Snippets, HitExplanation? Explanation = null);

public sealed record FacetValue(string Value, int Count);

/// <summary>A dimension's values by count, then value; <see cref="Other"/> values were left out by the size limit.</summary>
public sealed record FacetResult(IReadOnlyList<FacetValue> Values, int Other);

/// <summary>Why a report matched: each query term and how it was found, and how the score was made.</summary>
public sealed record HitExplanation(IReadOnlyList<TermMatch> Terms, ScorePart Score);

/// <summary>
/// How one query term matched: <c>wholeWord</c>, <c>substring</c>, <c>variant</c> (a traditional or full-width
/// form of it), <c>synonym</c> (through <see cref="Form"/>), or <c>none</c>.
/// </summary>
public sealed record TermMatch(string Term, string MatchedAs, string? Form);

public sealed record ScorePart(float Value, string Description, IReadOnlyList<ScorePart> Details);
