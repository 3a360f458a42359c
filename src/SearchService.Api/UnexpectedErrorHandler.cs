using Microsoft.AspNetCore.Diagnostics;

namespace SearchService.Api;

/// <summary>
/// The one place unexpected errors are handled: logged once, answered with a ProblemDetails body and no stack
/// trace. A request that cannot be bound (page=abc) is the caller's error and gets a 400 saying which parameter.
/// </summary>
internal sealed partial class UnexpectedErrorHandler(IProblemDetailsService problems, ILogger<UnexpectedErrorHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var badRequest = exception as BadHttpRequestException;
        if (badRequest is null)
        {
            Failed(logger, context.Request.Path, exception);
        }

        context.Response.StatusCode = badRequest?.StatusCode ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = context.Response.StatusCode,
                Title = badRequest is null ? "服务器内部错误 / Internal server error" : "请求无效 / Bad request",
                Detail = badRequest?.Message,
            },
        });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Request {Path} failed")]
    private static partial void Failed(ILogger logger, string path, Exception exception);
}
