using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SearchService.Extraction;
using SearchService.Indexing;
using SearchService.Search;

namespace SearchService.Api.Endpoints;

/// <summary>Beyond a result list: similar reports, passages, trends, coverage and export.</summary>
public static class ResearchEndpoints
{
    private static readonly HashSet<string> TrendDimensions =
        [ReportFields.Year, ReportFields.Province, ReportFields.City, ReportFields.County, ReportFields.Township, ReportFields.Level,
         ReportFields.Department, ReportFields.SectionKind, ReportFields.CitedLaw];

    private static readonly (string Name, Func<ReportMetadata, string?> Value)[] CsvColumns =
    [
        ("id", r => r.Id), ("title", r => r.Title), ("province", r => r.Province), ("city", r => r.City), ("county", r => r.County),
        ("township", r => r.Township), ("level", r => r.Level), ("department", r => r.Department),
        ("year", r => r.Year?.ToString(CultureInfo.InvariantCulture)), ("publishDate", r => r.PublishDate), ("issuer", r => r.Issuer),
        ("provinceCode", r => r.ProvinceCode), ("cityCode", r => r.CityCode), ("countyCode", r => r.CountyCode),
        ("townshipCode", r => r.TownshipCode), ("regionConfidence", r => r.RegionConfidence),
        ("isAnnualReport", r => r.IsAnnualReport ? "true" : "false"), ("citedLaws", r => string.Join('；', r.CitedLaws)),
        ("docNumbers", r => string.Join('；', r.DocNumbers)),
    ];

    public static IEndpointRouteBuilder MapResearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Research");
        api.MapGet("/reports/{id}/similar", Similar).WithName("SimilarReports").WithSummary("相似报告 / Reports that read like this one");
        api.MapGet("/passages", Passages).WithName("SearchPassages").WithSummary("段落检索 / Matching paragraphs");
        api.MapGet("/trends", Trends).WithName("Trends").WithSummary("趋势 / Matching reports per year, province or level, beside all reports");
        api.MapGet("/coverage", Coverage).WithName("Coverage").WithSummary("覆盖 / Which divisions report for a year");
        api.MapGet("/export", Export).WithName("Export").WithSummary("导出 / Every matching report as CSV or JSON lines");
        return app;
    }

    /// <summary>Reports that read like the given one, with the same filters as a search.</summary>
    /// <remarks>Example: <c>/api/reports/000_2f278ac9b8784165/similar?sameLevel=true&amp;excludeSameRegion=true</c></remarks>
    /// <param name="id">The report to compare with (a / in the id written as %2F).</param>
    /// <param name="sameLevel">Only reports of the same administrative level.</param>
    /// <param name="excludeSameRegion">Leave out reports from the same county (the same city or province for higher levels).</param>
    /// <param name="paging">Paging and display settings, as for a search (q is ignored).</param>
    /// <param name="filters">Filters, as for a search.</param>
    /// <param name="similar">The similar-report finder.</param>
    /// <param name="divisions">The division list.</param>
    /// <response code="200">Similar reports, most similar first.</response>
    /// <response code="404">No report has that id.</response>
    internal static Results<Ok<SearchResponse>, ProblemHttpResult, ValidationProblem> Similar(
        string id, bool? sameLevel, bool? excludeSameRegion, [AsParameters] SearchParameters paging, [AsParameters] FilterParameters filters,
        SimilarReports similar, Divisions divisions)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var errors = new Dictionary<string, string[]>();
        var request = filters.Apply(SearchEndpoints.ReadPaging(paging, errors), errors);
        if (errors.Count > 0)
        {
            return Problems.InvalidParameters(errors);
        }

        id = Uri.UnescapeDataString(id);
        return similar.Find(id, request, sameLevel ?? false, excludeSameRegion ?? false) is { } result
            ? TypedResults.Ok(SearchEndpoints.Respond(result, request, paging.Page ?? 1, clock, divisions))
            : Problems.ReportNotFound(id);
    }

    /// <summary>Paragraphs that match, each with its report's id, title, region, year and section; at most perReport from one report.</summary>
    /// <remarks>Example: <c>/api/passages?q=网格化&amp;level=township&amp;perReport=1</c> — which towns describe their 网格化 practice, and how.</remarks>
    /// <param name="perReport">Passages per report, 1 to 10 (default 1).</param>
    /// <param name="passageLength">Longest passage in characters, 50 to 2000 (default 300); longer paragraphs are cut around their matches.</param>
    /// <param name="paging">The query (q), paging and display settings, as for a search.</param>
    /// <param name="filters">Filters, as for a search; section limits the passages to sections of that kind.</param>
    /// <param name="searcher">The searcher.</param>
    /// <param name="passages">The passage searcher.</param>
    /// <response code="200">A page of passages.</response>
    /// <response code="400">The query or a parameter is invalid.</response>
    internal static Results<Ok<PassageResponse>, ProblemHttpResult, ValidationProblem> Passages(
        int? perReport, int? passageLength, [AsParameters] SearchParameters paging, [AsParameters] FilterParameters filters,
        ReportSearcher searcher, PassageSearcher passages)
    {
        var errors = new Dictionary<string, string[]>();
        var request = filters.Apply(SearchEndpoints.ReadPaging(paging, errors), errors);
        if (perReport is < 1 or > 10)
        {
            errors["perReport"] = ["must be 1 to 10"];
        }

        if (passageLength is < 50 or > 2000)
        {
            errors["passageLength"] = ["must be 50 to 2000"];
        }

        if (string.IsNullOrWhiteSpace(paging.Q))
        {
            errors["q"] = ["passages need a query"];
        }

        if (errors.Count > 0)
        {
            return Problems.InvalidParameters(errors);
        }

        if (!searcher.TryReadQuery(paging.Q, out var query, out var error, paging.Variants ?? true))
        {
            return Problems.QuerySyntax(error);
        }

        var result = passages.Search(request, query, perReport ?? 1, passageLength ?? 300);
        return TypedResults.Ok(new PassageResponse(result.TotalReports, result.TotalPassages, paging.Page ?? 1, request.Limit,
            result.Passages.Select(PassageResponseHit.From).ToList()));
    }

    /// <summary>Per year, province or level (or two of them, by=year,province), the matching reports beside all reports and the share.</summary>
    /// <remarks>Example: <c>/api/trends?q=积分制&amp;by=year,province</c>. Files that are not annual reports are left out unless includeNonAnnual=true.</remarks>
    /// <param name="q">The query; empty counts all reports.</param>
    /// <param name="by">One or two of year, province, city, county, township, level, department, section, citedLaw, comma-separated.</param>
    /// <param name="includeNonAnnual">Count files that are not annual rule-of-law reports too.</param>
    /// <param name="variants">Also search curated synonyms and former place names.</param>
    /// <param name="filters">Filters, as for a search.</param>
    /// <param name="searcher">The searcher.</param>
    /// <param name="trends">The trend counter.</param>
    /// <response code="200">Buckets in value order.</response>
    /// <response code="400">The query or a parameter is invalid.</response>
    internal static Results<Ok<TrendResponse>, ProblemHttpResult, ValidationProblem> Trends(
        string? q, string? by, bool? includeNonAnnual, bool? variants, [AsParameters] FilterParameters filters, ReportSearcher searcher, TrendCounter trends)
    {
        var errors = new Dictionary<string, string[]>();
        var request = filters.Apply(new SearchRequest(), errors);
        var dimensions = (by ?? ReportFields.Year).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (dimensions.Length is 0 or > 2 || dimensions.Any(d => !TrendDimensions.Contains(d)) || dimensions.Distinct().Count() != dimensions.Length)
        {
            errors["by"] = [$"one or two different dimensions of {string.Join(", ", TrendDimensions)}, comma-separated"];
        }

        if (errors.Count > 0)
        {
            return Problems.InvalidParameters(errors);
        }

        if (!searcher.TryReadQuery(q, out var query, out var error, variants ?? true))
        {
            return Problems.QuerySyntax(error);
        }

        var buckets = trends.Trends(request, query, dimensions, includeNonAnnual ?? false);
        return TypedResults.Ok(new TrendResponse(dimensions, buckets
            .Select(b => new TrendResponseBucket(dimensions.Zip(b.Values).ToDictionary(p => p.First, p => p.Second), b.Matching, b.Total, b.Share))
            .ToList()));
    }

    /// <summary>Which divisions of a level (within a province or division) have an annual report for a year, and which do not.</summary>
    /// <remarks>Example: <c>/api/coverage?year=2022&amp;level=township&amp;province=重庆市</c></remarks>
    /// <param name="year">The report year.</param>
    /// <param name="level">city, county or township.</param>
    /// <param name="province">A province name to look inside.</param>
    /// <param name="region">A division code to look inside (province, city or county), instead of province.</param>
    /// <param name="includeNonAnnual">Count files that are not annual reports too.</param>
    /// <param name="trends">The coverage counter.</param>
    /// <response code="200">Divisions with and without a report.</response>
    /// <response code="400">A parameter is missing or invalid.</response>
    internal static Results<Ok<CoverageResponse>, ValidationProblem> Coverage(
        int? year, string? level, string? province, string? region, bool? includeNonAnnual, TrendCounter trends)
    {
        var errors = new Dictionary<string, string[]>();
        if (year is null)
        {
            errors["year"] = ["is required"];
        }

        if (level is not (ReportLevels.City or ReportLevels.County or ReportLevels.Township))
        {
            errors["level"] = ["must be city, county or township"];
        }

        if (region is not null && !region.All(char.IsAsciiDigit))
        {
            errors["region"] = ["must be a division code"];
        }

        if (errors.Count > 0)
        {
            return Problems.InvalidParameters(errors);
        }

        var within = region ?? province;
        var result = trends.Coverage(year!.Value, level!, within, includeNonAnnual ?? false);
        return TypedResults.Ok(new CoverageResponse(year.Value, level!, within, result.Divisions, result.Covered, result.Share, result.Reported, result.Missing));
    }

    /// <summary>Streams every matching report's metadata (and text with text=true), with no page limit.</summary>
    /// <remarks>Example: <c>/api/export?q=法律顾问&amp;format=csv</c>. CSV is UTF-8 with a byte order mark, so spreadsheets read the Chinese correctly.</remarks>
    /// <param name="q">The query; empty exports every report that passes the filters.</param>
    /// <param name="format">csv (default) or jsonl.</param>
    /// <param name="text">Include each report's clean text.</param>
    /// <param name="variants">Also search curated synonyms and former place names.</param>
    /// <param name="filters">Filters, as for a search.</param>
    /// <param name="searcher">The searcher.</param>
    /// <param name="exporter">The exporter.</param>
    /// <param name="json">The service's JSON settings.</param>
    /// <response code="200">The reports, one per line.</response>
    /// <response code="400">The query or a parameter is invalid.</response>
    internal static Results<PushStreamHttpResult, ProblemHttpResult, ValidationProblem> Export(
        string? q, string? format, bool? text, bool? variants, [AsParameters] FilterParameters filters,
        ReportSearcher searcher, ReportExporter exporter, IOptions<JsonOptions> json)
    {
        var errors = new Dictionary<string, string[]>();
        var request = filters.Apply(new SearchRequest(), errors);
        format = (format ?? "csv").ToLowerInvariant();
        if (format is not ("csv" or "jsonl"))
        {
            errors["format"] = ["must be csv or jsonl"];
        }

        if (errors.Count > 0)
        {
            return Problems.InvalidParameters(errors);
        }

        if (!searcher.TryReadQuery(q, out var query, out var error, variants ?? true))
        {
            return Problems.QuerySyntax(error);
        }

        var withText = text ?? false;
        return format == "csv"
            ? TypedResults.Stream(stream => WriteCsvAsync(stream, exporter.Export(request, query, withText), withText), "text/csv; charset=utf-8", "reports.csv")
            : TypedResults.Stream(stream => WriteJsonLinesAsync(stream, exporter.Export(request, query, withText), withText, json.Value.SerializerOptions), "application/x-ndjson; charset=utf-8", "reports.jsonl");
    }

    private static async Task WriteCsvAsync(Stream stream, IEnumerable<ReportView> reports, bool withText)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
        var header = CsvColumns.Select(c => c.Name);
        await writer.WriteLineAsync(string.Join(',', withText ? header.Append("text") : header));
        foreach (var view in reports)
        {
            var cells = CsvColumns.Select(c => c.Value(view.Report));
            await writer.WriteLineAsync(string.Join(',', (withText ? cells.Append(view.Text) : cells).Select(Csv)));
        }
    }

    private static async Task WriteJsonLinesAsync(Stream stream, IEnumerable<ReportView> reports, bool withText, JsonSerializerOptions options)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);
        foreach (var view in reports)
        {
            var line = ReportResponse.From(withText ? view : view with { Text = "" });
            await writer.WriteLineAsync(JsonSerializer.Serialize(withText ? line : line with { Text = null! }, options));
        }
    }

    /// <summary>RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled.</summary>
    private static string Csv(string? cell) =>
        cell is null ? "" : cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
}
