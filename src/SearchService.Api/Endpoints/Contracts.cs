using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using SearchService.Extraction;
using SearchService.Search;

namespace SearchService.Api.Endpoints;

/// <summary>Query string of <c>GET /api/search</c>.</summary>
public sealed record SearchParameters
{
    [FromQuery(Name = "q"), Description("查询: words must all match (each as a substring); \"…\" is an exact phrase; OR, AND, NOT, -word, ( ), title:…. Empty lists every report.")]
    public string? Q { get; init; }

    [FromQuery(Name = "province"), Description("Province names, any of them (repeatable): 重庆市")]
    public string[]? Province { get; init; }

    [FromQuery(Name = "city"), Description("Prefecture city names (repeatable)")]
    public string[]? City { get; init; }

    [FromQuery(Name = "county"), Description("County or district names (repeatable)")]
    public string[]? County { get; init; }

    [FromQuery(Name = "township"), Description("Township or street names (repeatable)")]
    public string[]? Township { get; init; }

    [FromQuery(Name = "level"), Description("province, city, county, township or department (repeatable)")]
    public string[]? Level { get; init; }

    [FromQuery(Name = "year"), Description("Report years (the year reported on; repeatable)")]
    public int[]? Year { get; init; }

    [FromQuery(Name = "yearFrom"), Description("First report year, inclusive")]
    public int? YearFrom { get; init; }

    [FromQuery(Name = "yearTo"), Description("Last report year, inclusive")]
    public int? YearTo { get; init; }

    [FromQuery(Name = "page"), Description("1-based page number"), DefaultValue(1)]
    public int? Page { get; init; }

    [FromQuery(Name = "pageSize"), Description("Hits per page, 1 to 100"), DefaultValue(10)]
    public int? PageSize { get; init; }

    [FromQuery(Name = "sort"), Description("relevance or date (newest publish date first); default relevance, or date when q is empty")]
    public string? Sort { get; init; }
}

/// <summary>One page of hits with facet counts over all hits.</summary>
public sealed record SearchResponse(
    int Total,
    double TookMs,
    int Page,
    int PageSize,
    IReadOnlyList<SearchHitResponse> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets);

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
    IReadOnlyList<string> Snippets)
{
    public static SearchHitResponse From(SearchHit hit) => new(
        hit.Report.Id, hit.Report.Title, hit.Report.Province, hit.Report.City, hit.Report.County, hit.Report.Township,
        hit.Report.Level, hit.Report.Year, hit.Report.PublishDate, hit.Score, hit.Snippets);
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
