using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using SearchService.Extraction;
using SearchService.Indexing;
using SearchService.Search;

namespace SearchService.Api.Endpoints;

public static class SearchEndpoints
{
    private const int MaxPageSize = 100;

    // Deeper pages cost memory proportional to their depth.
    private const int MaxResultWindow = 10_000;

    private static readonly HashSet<string> Levels =
        [ReportLevels.Province, ReportLevels.City, ReportLevels.County, ReportLevels.Township, ReportLevels.Department];

    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Search");
        api.MapGet("/search", Search).WithName("SearchReports").WithSummary("全文检索报告 / Search reports");
        api.MapGet("/facets", ListFacets).WithName("ListFacets").WithSummary("全部分面 / Every facet value over the whole index");
        return api;
    }

    /// <summary>Searches the reports, with filters, facet counts over all hits and highlighted snippets.</summary>
    /// <remarks>
    /// Words separated by spaces must all match; each matches wherever its characters occur in sequence (法治 finds 法治政府),
    /// whole words and title matches rank higher. "…" is an exact phrase; OR, AND, NOT, -word and parentheses combine;
    /// title:… searches titles only. Facets are multi-select: a dimension's counts ignore that dimension's own filter.
    /// Example: <c>/api/search?q=法律顾问&amp;province=重庆市&amp;level=township</c>
    /// </remarks>
    /// <response code="200">A page of hits with facet counts.</response>
    /// <response code="400">The query or a parameter is invalid; the body says which and why.</response>
    internal static Results<Ok<SearchResponse>, ProblemHttpResult, ValidationProblem> Search(
        [AsParameters] SearchParameters parameters, ReportSearcher searcher)
    {
        var clock = Stopwatch.StartNew();
        var page = parameters.Page ?? 1;
        var pageSize = parameters.PageSize ?? 10;
        var errors = new Dictionary<string, string[]>();
        if (page < 1)
        {
            errors["page"] = ["must be 1 or more"];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"must be 1 to {MaxPageSize}"];
        }
        else if (page >= 1 && (long)page * pageSize > MaxResultWindow)
        {
            errors["page"] = [$"page × pageSize may not exceed {MaxResultWindow}; narrow the search with filters"];
        }

        if (parameters.Level?.FirstOrDefault(l => !Levels.Contains(l)) is { } level)
        {
            errors["level"] = [$"unknown level '{level}'; use one of {string.Join(", ", Levels)}"];
        }

        if (parameters.YearFrom > parameters.YearTo)
        {
            errors["yearFrom"] = ["must not be after yearTo"];
        }

        SearchSort? sort = parameters.Sort?.ToLowerInvariant() switch
        {
            null or "" => null,
            "relevance" => SearchSort.Relevance,
            "date" => SearchSort.Date,
            _ => null,
        };
        if (sort is null && !string.IsNullOrEmpty(parameters.Sort))
        {
            errors["sort"] = ["must be relevance or date"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "参数无效 / Invalid parameters");
        }

        if (!searcher.TryReadQuery(parameters.Q, out var query, out var error))
        {
            return TypedResults.Problem(title: "查询语法错误 / Query syntax error", detail: error, statusCode: StatusCodes.Status400BadRequest);
        }

        var request = new SearchRequest
        {
            Query = parameters.Q,
            Filters = Filters(parameters),
            YearFrom = parameters.YearFrom,
            YearTo = parameters.YearTo,
            Offset = (page - 1) * pageSize,
            Limit = pageSize,
            Sort = sort ?? (string.IsNullOrWhiteSpace(parameters.Q) ? SearchSort.Date : SearchSort.Relevance),
        };
        var result = searcher.Search(request, query);
        return TypedResults.Ok(new SearchResponse(
            result.Total,
            Math.Round(clock.Elapsed.TotalMilliseconds, 2),
            page,
            pageSize,
            result.Hits.Select(SearchHitResponse.From).ToList(),
            result.Facets.ToDictionary(f => f.Key, f => f.Value.Values)));
    }

    /// <summary>Every facet dimension with all its values and counts over the whole index.</summary>
    /// <response code="200">Values by count, then value.</response>
    internal static Ok<IReadOnlyDictionary<string, IReadOnlyList<FacetValue>>> ListFacets(ReportSearcher searcher) =>
        TypedResults.Ok<IReadOnlyDictionary<string, IReadOnlyList<FacetValue>>>(
            searcher.AllFacets().ToDictionary(f => f.Key, f => f.Value.Values));

    private static Dictionary<string, IReadOnlyCollection<string>> Filters(SearchParameters p)
    {
        var filters = new Dictionary<string, IReadOnlyCollection<string>>();
        Add(ReportFields.Province, p.Province);
        Add(ReportFields.City, p.City);
        Add(ReportFields.County, p.County);
        Add(ReportFields.Township, p.Township);
        Add(ReportFields.Level, p.Level);
        Add(ReportFields.Year, p.Year?.Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        return filters;

        void Add(string dimension, string[]? values)
        {
            var kept = values?.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).ToArray();
            if (kept is { Length: > 0 })
            {
                filters[dimension] = kept;
            }
        }
    }
}
