using System.ComponentModel;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using SearchService.Extraction;
using SearchService.Search;

namespace SearchService.Api.Endpoints;

/// <summary>Query string of <c>GET /api/search</c> besides the filters.</summary>
public sealed record SearchParameters
{
    [FromQuery(Name = "q"), Description("查询: words must all match (each as a substring); \"…\" is an exact phrase; OR, AND, NOT, -word, ( ), title:…. Empty lists every report.")]
    public string? Q { get; init; }

    [FromQuery(Name = "page"), Description("1-based page number"), DefaultValue(1)]
    public int? Page { get; init; }

    [FromQuery(Name = "pageSize"), Description("Hits per page, 1 to 100"), DefaultValue(10)]
    public int? PageSize { get; init; }

    [FromQuery(Name = "after"), Description("Cursor from the previous page's nextCursor: the page after it, stable while reports are added (page is then ignored); it continues only the sort it came from")]
    public string? After { get; init; }

    [FromQuery(Name = "sort"), Description("relevance or date (newest publish date first); default relevance, or date when q is empty")]
    public string? Sort { get; init; }

    [FromQuery(Name = "snippets"), Description("Snippets per hit, 0 to 10; 0 returns the whole text highlighted"), DefaultValue(3)]
    public int? Snippets { get; init; }

    [FromQuery(Name = "snippetLength"), Description("About how many characters a snippet has, 20 to 1000"), DefaultValue(100)]
    public int? SnippetLength { get; init; }

    [FromQuery(Name = "tag"), Description("The HTML element that marks matches"), DefaultValue("em")]
    public string? Tag { get; init; }

    [FromQuery(Name = "facetSize"), Description("Values returned per facet dimension, 1 to 1000; facetOther says how many were left out"), DefaultValue(20)]
    public int? FacetSize { get; init; }

    [FromQuery(Name = "variants"), Description("Also search curated synonyms and former place names (普法 ↔ 法治宣传教育, 开县 → 开州区)"), DefaultValue(true)]
    public bool? Variants { get; init; }

    [FromQuery(Name = "explain"), Description("Add to each hit which terms matched and how, and the score's parts"), DefaultValue(false)]
    public bool? Explain { get; init; }
}

/// <summary>One page of hits with facet counts over all hits.</summary>
public sealed record SearchResponse(
    int Total,
    double TookMs,
    int Page,
    int PageSize,
    [property: Description("Pass as after= to get the next page; null on the last page")] string? NextCursor,
    [property: Description("True when no report held a long term exactly, and most of its words were searched instead")] bool Relaxed,
    IReadOnlyList<SearchHitResponse> Hits,
    [property: Description("Per dimension, values by count then value; region is a tree keyed by division code")] IReadOnlyDictionary<string, IReadOnlyList<FacetNode>> Facets,
    [property: Description("Per dimension, how many values facetSize left out")] IReadOnlyDictionary<string, int> FacetOther);

/// <summary>A facet value and its count; region nodes also carry the division's name and, on the selected path, its children.</summary>
public sealed record FacetNode(
    string Value,
    int Count,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FacetNode>? Children = null)
{
    public static FacetNode From(FacetValue value) => new(value.Value, value.Count);

    public static FacetNode From(RegionNode node) => new(node.Code, node.Count, node.Name, node.Children?.Select(From).ToList());
}

/// <summary>A matching report; snippets are HTML with every match in the highlight tag.</summary>
public sealed record SearchHitResponse(
    string Id,
    string Title,
    string? Province,
    string? City,
    string? County,
    string? Township,
    string? Level,
    int? Year,
    string? PublishDate,
    float Score,
    IReadOnlyList<string> Snippets,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HitExplanation? Explain)
{
    public static SearchHitResponse From(SearchHit hit) => new(
        hit.Report.Id, hit.Report.Title, hit.Report.Province, hit.Report.City, hit.Report.County, hit.Report.Township,
        hit.Report.Level, hit.Report.Year, hit.Report.PublishDate, hit.Score, hit.Snippets, hit.Explanation);
}

/// <summary>A report's metadata and clean text.</summary>
public sealed record ReportResponse(
    string Id,
    string Title,
    bool TitleDerived,
    string? Province,
    string? ProvinceCode,
    string? City,
    string? CityCode,
    string? County,
    string? CountyCode,
    string? Township,
    string? TownshipCode,
    string? RegionConfidence,
    string? Level,
    string? Department,
    string? Issuer,
    int? Year,
    string? PublishDate,
    bool IsAnnualReport,
    IReadOnlyList<ReportSection> Sections,
    IReadOnlyList<string> CitedLaws,
    IReadOnlyList<string> DocNumbers,
    string Text,
    [property: Description("The text as HTML with every match of q marked; only when q is given")] string? HighlightedText)
{
    public static ReportResponse From(ReportView view)
    {
        var r = view.Report;
        return new ReportResponse(
            r.Id, r.Title, r.TitleDerived, r.Province, r.ProvinceCode, r.City, r.CityCode, r.County, r.CountyCode,
            r.Township, r.TownshipCode, r.RegionConfidence, r.Level, r.Department, r.Issuer, r.Year, r.PublishDate,
            r.IsAnnualReport, r.Sections, r.CitedLaws, r.DocNumbers, view.Text, view.HighlightedText);
    }
}
