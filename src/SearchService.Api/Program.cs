using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using SearchService.Api;
using SearchService.Api.Endpoints;
using SearchService.Api.Health;
using SearchService.Indexing;
using SearchService.Search;

// appsettings.json ships beside the binary, so it applies from whatever folder the service is started in;
// relative paths in settings (the index, the corpus folders) still mean the working directory's.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.Services.AddReportSearch();
builder.Services.AddIngestion();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<UnexpectedErrorHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddOpenApi();
// Responses serialized by generated code first, reflection only for the rest (health, problem details).
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));

var app = builder.Build();

// Open the index before serving: searches must never meet a missing one.
app.Services.GetRequiredService<ReportIndex>();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.UseSwaggerUI(o =>
{
    o.SwaggerEndpoint("/openapi/v1.json", "SearchService");
    o.RoutePrefix = "swagger";
});
app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
app.MapSearchApi();
app.MapReportApi();
app.MapResearchApi();

app.Run();

/// <summary>The service's entry point, visible to the integration tests.</summary>
public partial class Program;

/// <summary>Serialization code generated at build time for the API's responses, with ASP.NET Core's web defaults.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(ReportResponse))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, IReadOnlyList<FacetValue>>))]
[JsonSerializable(typeof(PassageResponse))]
[JsonSerializable(typeof(TrendResponse))]
[JsonSerializable(typeof(CoverageResponse))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
