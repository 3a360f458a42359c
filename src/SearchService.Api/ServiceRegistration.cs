using Microsoft.Extensions.Options;
using SearchService.Api.Health;
using SearchService.Api.Ingestion;
using SearchService.Extraction;
using SearchService.Indexing;
using SearchService.Search;

namespace SearchService.Api;

internal static class ServiceRegistration
{
    /// <summary>Options, the index owner, the searcher and extraction: one of each, no request-scoped state.</summary>
    public static IServiceCollection AddReportSearch(this IServiceCollection services)
    {
        services.AddOptions<ReportIndexOptions>()
            .BindConfiguration(ReportIndexOptions.Section)
            .PostConfigure(o => o.Path = Path.GetFullPath(o.Path))
            .ValidateDataAnnotations()
            .Validate(o => !File.Exists(o.Path), $"{ReportIndexOptions.Section}:Path names a file; it must be a folder for the index")
            .ValidateOnStart();
        services.AddSingleton(sp => new ReportIndex(sp.GetRequiredService<IOptions<ReportIndexOptions>>().Value));
        services.AddSingleton(_ => Synonyms.Load());
        services.AddSingleton(_ => Divisions.Load());
        services.AddSingleton<QueryTranslator>();
        services.AddSingleton<ReportSearcher>();
        services.AddSingleton<SimilarReports>();
        services.AddSingleton<PassageSearcher>();
        services.AddSingleton<TrendCounter>();
        services.AddSingleton<ReportExporter>();
        services.AddSingleton(sp => new ReportExtractor(sp.GetRequiredService<Divisions>()));
        return services;
    }

    /// <summary>The corpus options, the worker that owns all writes, and its progress for readiness.</summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        services.AddOptions<CorpusOptions>()
            .BindConfiguration(CorpusOptions.Section)
            .PostConfigure(o => o.Paths = (o.Paths.Length == 0 ? ["seeds"] : o.Paths).Select(Path.GetFullPath).ToArray())
            .Validate(o => o.QueueCapacity > 0 && o.Threads >= 0 && o.DebounceMilliseconds >= 0,
                $"{CorpusOptions.Section}:QueueCapacity must be positive, Threads and DebounceMilliseconds not negative")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CorpusOptions>, CorpusFoldersExist>();
        services.AddSingleton<IngestionStatus>();
        services.AddHostedService<IngestionWorker>();
        services.AddHealthChecks().AddCheck<IndexReadyCheck>("index");
        return services;
    }

    private sealed class CorpusFoldersExist : IValidateOptions<CorpusOptions>
    {
        public ValidateOptionsResult Validate(string? name, CorpusOptions options)
        {
            var missing = options.Paths
                .Select((path, i) => (path, i))
                .Where(p => !Directory.Exists(p.path))
                .Select(p => $"{CorpusOptions.Section}:Paths:{p.i} '{p.path}' is not an existing folder")
                .ToList();
            return missing.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(missing);
        }
    }
}
