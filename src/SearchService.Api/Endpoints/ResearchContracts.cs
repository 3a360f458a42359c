using System.ComponentModel;
using SearchService.Search;

namespace SearchService.Api.Endpoints;

/// <summary>Matching paragraphs, most distinct query terms first.</summary>
public sealed record PassageResponse(int TotalReports, int TotalPassages, int Page, int PageSize, IReadOnlyList<PassageResponseHit> Passages);

/// <summary>A paragraph with its report's id, title, region and year, and the section it stands in.</summary>
public sealed record PassageResponseHit(
    string Id,
    string Title,
    string? Province,
    string? City,
    string? County,
    string? Township,
    string? Level,
    int? Year,
    [property: Description("The numbered section heading the paragraph stands under")] string? SectionHeading,
    [property: Description("achievements, problems, leaderDuties, nextYearPlan or other")] string? SectionKind,
    [property: Description("The paragraph as HTML, matches marked")] string Text,
    float ReportScore)
{
    public static PassageResponseHit From(PassageHit p) => new(
        p.Report.Id, p.Report.Title, p.Report.Province, p.Report.City, p.Report.County, p.Report.Township, p.Report.Level,
        p.Report.Year, p.SectionHeading, p.SectionKind, p.Text, p.ReportScore);
}

/// <summary>Per bucket: the reports that match, all reports in the bucket, and the share.</summary>
public sealed record TrendResponse(IReadOnlyList<string> By, IReadOnlyList<TrendResponseBucket> Buckets);

public sealed record TrendResponseBucket(
    [property: Description("The bucket's value per dimension of by")] IReadOnlyDictionary<string, string> Key,
    int Matching,
    int Total,
    double Share);

/// <summary>Which divisions of a level have an annual report for a year, and which do not.</summary>
public sealed record CoverageResponse(
    int Year,
    string Level,
    string? Within,
    int Divisions,
    int Covered,
    double Share,
    IReadOnlyList<CoveredDivision> Reported,
    IReadOnlyList<CoveredDivision> Missing);
