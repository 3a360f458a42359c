using Microsoft.Extensions.Diagnostics.HealthChecks;
using SearchService.Api.Ingestion;
using SearchService.Indexing;

namespace SearchService.Api.Health;

/// <summary>Ready once the index is open and the start-up scan is indexed and searchable.</summary>
public sealed class IndexReadyCheck(IngestionStatus status, ReportIndex index) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["indexed"] = status.Indexed,
            ["unchanged"] = status.Unchanged,
            ["deleted"] = status.Deleted,
            ["rejected"] = status.Rejected,
            ["queued"] = status.Queued,
            ["latestRejections"] = status.LatestRejections,
            ["segments"] = index.SegmentCount,
            ["merging"] = index.IsMerging,
        };
        if (index.ReadCache is { } cache)
        {
            data["readCache"] = new { heldMB = Math.Round(cache.HeldMB, 1), cache.Lookups, cache.Reads, hitRate = Math.Round(cache.HitRate, 4) };
        }

        if (index.PostingsLists is { } lists)
        {
            data["postingsCache"] = new { heldMB = Math.Round(lists.Bytes / (1024.0 * 1024), 1), lists = lists.Count, lists.Uses };
        }

        return Task.FromResult(status.Ready
            ? HealthCheckResult.Healthy("index open, corpus indexed", data)
            : HealthCheckResult.Unhealthy("indexing the corpus", data: data));
    }
}
