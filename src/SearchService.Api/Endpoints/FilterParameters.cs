using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using SearchService.Extraction;
using SearchService.Indexing;
using SearchService.Search;

namespace SearchService.Api.Endpoints;

/// <summary>The filters every endpoint that selects reports takes; each list means any of its values.</summary>
public sealed partial record FilterParameters
{
    private static readonly HashSet<string> Levels =
        [ReportLevels.Province, ReportLevels.City, ReportLevels.County, ReportLevels.Township, ReportLevels.Department];

    [FromQuery(Name = "province"), Description("Province names (repeatable): 重庆市")]
    public string[]? Province { get; init; }

    [FromQuery(Name = "city"), Description("Prefecture city names (repeatable)")]
    public string[]? City { get; init; }

    [FromQuery(Name = "county"), Description("County or district names (repeatable)")]
    public string[]? County { get; init; }

    [FromQuery(Name = "township"), Description("Township or street names (repeatable)")]
    public string[]? Township { get; init; }

    [FromQuery(Name = "region"), Description("Division codes (repeatable): 50 (重庆市), 500116 (江津区), 500116108; a report matches when its region is that division or inside it")]
    public string[]? Region { get; init; }

    [FromQuery(Name = "level"), Description("province, city, county, township or department (repeatable)")]
    public string[]? Level { get; init; }

    [FromQuery(Name = "department"), Description("Departments (repeatable): 司法局")]
    public string[]? Department { get; init; }

    [FromQuery(Name = "year"), Description("Report years, the year reported on (repeatable)")]
    public int[]? Year { get; init; }

    [FromQuery(Name = "yearFrom"), Description("First report year, inclusive")]
    public int? YearFrom { get; init; }

    [FromQuery(Name = "yearTo"), Description("Last report year, inclusive")]
    public int? YearTo { get; init; }

    [FromQuery(Name = "section"), Description("achievements, problems, leaderDuties, nextYearPlan or other (repeatable): the query must match inside a section of that kind")]
    public string[]? Section { get; init; }

    [FromQuery(Name = "citedLaw"), Description("Cited laws or documents, as normalized in the citedLaw facet (repeatable): 行政复议法")]
    public string[]? CitedLaw { get; init; }

    [FromQuery(Name = "docNumber"), Description("Document numbers (repeatable): 津府发〔2022〕80号")]
    public string[]? DocNumber { get; init; }

    /// <summary>Checks the values; on success fills the request's filters.</summary>
    public SearchRequest Apply(SearchRequest request, Dictionary<string, string[]> errors)
    {
        if (Level?.FirstOrDefault(l => !Levels.Contains(l)) is { } level)
        {
            errors["level"] = [$"unknown level '{level}'; use one of {string.Join(", ", Levels)}"];
        }

        if (Section?.FirstOrDefault(s => !SectionSpans.AllKinds.Contains(s)) is { } section)
        {
            errors["section"] = [$"unknown section kind '{section}'; use one of {string.Join(", ", SectionSpans.AllKinds)}"];
        }

        if (Region?.FirstOrDefault(r => !DivisionCode().IsMatch(r)) is { } region)
        {
            errors["region"] = [$"'{region}' is not a division code (2, 4, 6 or 9 digits, such as 500116)"];
        }

        if (YearFrom > YearTo)
        {
            errors["yearFrom"] = ["must not be after yearTo"];
        }

        var filters = new Dictionary<string, IReadOnlyCollection<string>>();
        Add(ReportFields.Province, Province);
        Add(ReportFields.City, City);
        Add(ReportFields.County, County);
        Add(ReportFields.Township, Township);
        Add(ReportFields.Region, Region);
        Add(ReportFields.Level, Level);
        Add(ReportFields.Department, Department);
        Add(ReportFields.Year, Year?.Select(y => y.ToString(CultureInfo.InvariantCulture)).ToArray());
        Add(ReportFields.CitedLaw, CitedLaw);
        Add(ReportFields.DocNumber, DocNumber);
        return request with { Filters = filters, YearFrom = YearFrom, YearTo = YearTo, Sections = Section ?? [] };

        void Add(string dimension, string[]? values)
        {
            var kept = values?.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).ToArray();
            if (kept is { Length: > 0 })
            {
                filters[dimension] = kept;
            }
        }
    }

    [GeneratedRegex(@"^(\d{2}|\d{4}|\d{6}|\d{9})$")]
    private static partial Regex DivisionCode();
}
