using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using SearchService.Api;
using SearchService.Api.Endpoints;
using SearchService.Api.Health;
using SearchService.Indexing;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddReportSearch();
builder.Services.AddIngestion();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<UnexpectedErrorHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddOpenApi();

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
