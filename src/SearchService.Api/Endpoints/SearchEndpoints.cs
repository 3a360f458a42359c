using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using SearchService.Extraction;
using SearchService.Indexing;
using SearchService.Search;

namespace SearchService.Api.Endpoints;

public static partial class SearchEndpoints
{
    private const int MaxPageSize = 100;

    // Deeper offset pages cost memory in proportion to their depth; the cursor has no such limit.
    private const int MaxResultWindow = 10_000;

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
    /// and traditional or full-width forms match too; whole words, title matches and terms close together rank higher.
    /// "…" is an exact phrase; OR, AND, NOT, -word and parentheses combine; title:… searches titles only.
    /// Facets are multi-select: a dimension's counts ignore that dimension's own filter.
    /// Example: <c>/api/search?q=积分制&amp;level=township&amp;section=problems&amp;explain=true</c>
    /// </remarks>
    /// <response code="200">A page of hits with facet counts.</response>
    /// <response code="400">The query or a parameter is invalid; the body says which and why.</response>
    internal static Results<Ok<SearchResponse>, ProblemHttpResult, ValidationProblem> Search(
        [AsParameters] SearchParameters parameters, [AsParameters] FilterParameters filters, ReportSearcher searcher, Divisions divisions)
    {
        var clock = Stopwatch.StartNew();
        var errors = new Dictionary<string, string[]>();
        // With nothing to rank by, the newest reports come first.
        var defaultSort = string.IsNullOrWhiteSpace(parameters.Q) ? SearchSort.Date : SearchSort.Relevance;
        var request = filters.Apply(ReadPaging(parameters, errors, defaultSort), errors);
        if (errors.Count > 0)
        {
            return Problems.InvalidParameters(errors);
        }

        if (!searcher.TryReadQuery(parameters.Q, out var query, out var error, parameters.Variants ?? true))
        {
            return Problems.QuerySyntax(error);
        }

        return TypedResults.Ok(Respond(searcher.Search(request, query), request, parameters.Page ?? 1, clock, divisions));
    }

    internal static SearchResponse Respond(SearchResult result, SearchRequest request, int page, Stopwatch clock, Divisions divisions)
    {
        var facets = result.Facets.ToDictionary(f => f.Key, f => (IReadOnlyList<FacetNode>)f.Value.Values.Select(FacetNode.From).ToList());
        var selected = request.Filters.GetValueOrDefault(ReportFields.Region) ?? [];
        facets[ReportFields.Region] = RegionTree.Build(result.Facets[ReportFields.Region].Values, selected, request.FacetSize, divisions).Select(FacetNode.From).ToList();
        return new SearchResponse(
            result.Total,
            Math.Round(clock.Elapsed.TotalMilliseconds, 2),
            page,
            request.Limit,
            result.NextCursor,
            result.Relaxed,
            result.Hits.Select(SearchHitResponse.From).ToList(),
            facets,
            result.Facets.ToDictionary(f => f.Key, f => f.Value.Other));
    }

    /// <summary>Every facet dimension with all its values and counts over the whole index.</summary>
    /// <response code="200">Values by count, then value.</response>
    internal static Ok<IReadOnlyDictionary<string, IReadOnlyList<FacetValue>>> ListFacets(ReportSearcher searcher) =>
        TypedResults.Ok<IReadOnlyDictionary<string, IReadOnlyList<FacetValue>>>(
            searcher.AllFacets().ToDictionary(f => f.Key, f => f.Value.Values));

    /// <summary>Paging, sorting, snippet and facet settings, checked; problems go to <paramref name="errors"/>.</summary>
    internal static SearchRequest ReadPaging(SearchParameters p, Dictionary<string, string[]> errors, SearchSort defaultSort = SearchSort.Relevance)
    {
        var page = p.Page ?? 1;
        var pageSize = p.PageSize ?? 10;
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
            errors["page"] = [$"page × pageSize may not exceed {MaxResultWindow}; use the after cursor to go deeper"];
        }

        PageCursor? after = null;
        if (p.After is not null && !PageCursor.TryDecode(p.After, out after))
        {
            errors["after"] = ["is not a cursor from a previous page's nextCursor"];
        }

        SearchSort? sort = p.Sort?.ToLowerInvariant() switch
        {
            null or "" => defaultSort,
            "relevance" => SearchSort.Relevance,
            "date" => SearchSort.Date,
            _ => null,
        };
        if (sort is null)
        {
            errors["sort"] = ["must be relevance or date"];
        }
        else if (after is not null && after.Sort != sort)
        {
            var made = after.Sort.ToString().ToLowerInvariant();
            errors["after"] = [$"continues a search sorted by {made}; ask again with sort={made}, or start from the first page"];
        }

        if (p.Snippets is < 0 or > 10)
        {
            errors["snippets"] = ["must be 0 to 10"];
        }

        if (p.SnippetLength is < 20 or > 1000)
        {
            errors["snippetLength"] = ["must be 20 to 1000"];
        }

        if (p.Tag is not null && !TagName().IsMatch(p.Tag))
        {
            errors["tag"] = ["must be an HTML element name such as em, mark or b"];
        }

        if (p.FacetSize is < 1 or > 1000)
        {
            errors["facetSize"] = ["must be 1 to 1000"];
        }

        return new SearchRequest
        {
            Offset = (Math.Max(page, 1) - 1) * pageSize,
            Limit = pageSize,
            After = after,
            Sort = sort ?? SearchSort.Relevance,
            SnippetCount = p.Snippets ?? 3,
            SnippetLength = p.SnippetLength ?? 100,
            HighlightTag = p.Tag ?? "em",
            FacetSize = p.FacetSize ?? 20,
            Explain = p.Explain ?? false,
        };
    }

    [GeneratedRegex("^[a-z][a-z0-9]{0,9}$")]
    private static partial Regex TagName();
}
