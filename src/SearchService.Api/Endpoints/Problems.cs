using Microsoft.AspNetCore.Http.HttpResults;

namespace SearchService.Api.Endpoints;

/// <summary>The error answers every endpoint gives, worded once (RFC 9457 problem details).</summary>
internal static class Problems
{
    public static ValidationProblem InvalidParameters(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "参数无效 / Invalid parameters");

    public static ProblemHttpResult QuerySyntax(string? error) =>
        TypedResults.Problem(title: "查询语法错误 / Query syntax error", detail: error, statusCode: StatusCodes.Status400BadRequest);

    public static ProblemHttpResult ReportNotFound(string id) =>
        TypedResults.Problem(title: "报告不存在 / Report not found", detail: $"No report has the id '{id}'.", statusCode: StatusCodes.Status404NotFound);
}
