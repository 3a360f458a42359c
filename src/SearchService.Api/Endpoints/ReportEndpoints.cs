using Microsoft.AspNetCore.Http.HttpResults;
using SearchService.Search;

namespace SearchService.Api.Endpoints;

public static class ReportEndpoints
{
    public static RouteGroupBuilder MapReportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reports").WithTags("Reports");
        api.MapGet("/{id}/raw", GetRaw).WithName("GetRawReport").WithSummary("原始文件 / The report's file as it was read");
        api.MapGet("/{*id}", GetReport).WithName("GetReport").WithSummary("报告全文与元数据 / One report with its metadata and text");
        return api;
    }

    /// <summary>A report's metadata and clean text; with <c>q</c>, also the text with every match marked.</summary>
    /// <remarks>Example: <c>/api/reports/000_2f278ac9b8784165?q=夏坝师说</c></remarks>
    /// <param name="id">The report id: its file path in the corpus folder, without extension.</param>
    /// <param name="q">Optional query whose matches are marked in <c>highlightedText</c>.</param>
    /// <param name="searcher">The searcher.</param>
    /// <response code="200">The report.</response>
    /// <response code="400">The query cannot be read.</response>
    /// <response code="404">No report has that id.</response>
    internal static Results<Ok<ReportResponse>, ProblemHttpResult> GetReport(string id, string? q, ReportSearcher searcher)
    {
        ParsedQuery? highlight = null;
        if (!string.IsNullOrWhiteSpace(q))
        {
            if (!searcher.TryReadQuery(q, out var query, out var error))
            {
                return Problems.QuerySyntax(error);
            }

            highlight = query;
        }

        return searcher.Get(id, highlight) is { } view ? TypedResults.Ok(ReportResponse.From(view)) : Problems.ReportNotFound(id);
    }

    /// <summary>The report's source file, byte for byte as it was read (page chrome, original encoding and all).</summary>
    /// <remarks>Example: <c>/api/reports/000_2f278ac9b8784165/raw</c></remarks>
    /// <param name="id">The report id (a / in the id written as %2F).</param>
    /// <param name="searcher">The searcher.</param>
    /// <response code="200">The file: text/html for pages, text/plain otherwise.</response>
    /// <response code="404">No report has that id, or its file is gone since it was indexed.</response>
    internal static Results<PhysicalFileHttpResult, ProblemHttpResult> GetRaw(string id, ReportSearcher searcher)
    {
        id = Uri.UnescapeDataString(id);
        if (searcher.SourcePathOf(id) is not { } path || !File.Exists(path))
        {
            return Problems.ReportNotFound(id);
        }

        var html = Path.GetExtension(path) is ".html" or ".htm";
        return TypedResults.PhysicalFile(path, html ? "text/html" : "text/plain");
    }
}
