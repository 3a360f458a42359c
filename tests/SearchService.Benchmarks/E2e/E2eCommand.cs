using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SearchService.Benchmarks.E2e;

/// <summary>
/// The end-to-end benchmark: corpus, indexing through the running service at each thread count, start on the
/// existing index, closed-loop HTTP queries, the Java peer on the same inputs, and the side-by-side table.
/// </summary>
internal static class E2eCommand
{
    private static readonly TimeSpan IndexingTimeout = TimeSpan.FromHours(3);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(string[] args)
    {
        E2eOptions options;
        try
        {
            options = E2eOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"{e.Message}; {E2eOptions.Usage}");
            return 2;
        }

        var layout = RepositoryLayout.Find();
        var serviceDll = Path.GetFullPath(options.ServiceDll ?? layout.ServiceDll);
        if (!File.Exists(serviceDll))
        {
            Console.Error.WriteLine($"{serviceDll} not found; build the solution in Release or pass --service");
            return 2;
        }

        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var outDir = Path.GetFullPath(options.OutDir ?? Path.Combine(Path.GetTempPath(), "searchservice-bench", "results",
            $"{stamp}-n{options.Count}{(options.Smoke ? "-smoke" : "")}"));
        var corpus = BenchCorpus.Prepare(layout, options.Count);
        Console.Error.WriteLine($"corpus {corpus.Path}: {corpus.Documents} reports, {corpus.TextMb:F1} MB of text; results in {outDir}");
        var queries = BenchQuery.Load(layout.Queries);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseProxy = false }) { Timeout = TimeSpan.FromMinutes(2) };

        var runs = new List<E2eResult>();
        for (var run = 1; run <= options.Runs; run++)
        {
            var runDir = options.Runs == 1 ? outDir : Path.Combine(outDir, $"run-{run}");
            if (options.Runs > 1)
            {
                Console.Error.WriteLine($"run {run} of {options.Runs} …");
            }

            runs.Add(await RunOnceAsync(options, layout, serviceDll, corpus, queries, http, runDir, "e2e " + string.Join(' ', args)));
        }

        var result = runs.Count == 1 ? runs[0] : MedianResult.Of(runs);
        var table = await WriteAsync(result, outDir);
        Console.WriteLine(table);
        Console.WriteLine($"raw results: {Path.Combine(outDir, "results.json")}");
        return runs.Any(r => r.Failed) ? 1 : 0;
    }

    /// <summary>Folds the results.json of earlier runs into their medians and prints the table.</summary>
    public static async Task<int> MedianAsync(string[] folders)
    {
        var missing = folders.Where(f => !File.Exists(Path.Combine(f, "results.json"))).ToList();
        if (folders.Length == 0 || missing.Count > 0)
        {
            Console.Error.WriteLine($"usage: median DIR… (each DIR holding the results.json of one e2e run); no results.json in: {string.Join(", ", missing)}");
            return 2;
        }

        var runs = new List<E2eResult>();
        foreach (var folder in folders)
        {
            await using var file = File.OpenRead(Path.Combine(folder, "results.json"));
            runs.Add(await JsonSerializer.DeserializeAsync<E2eResult>(file, Json) ?? throw new InvalidDataException($"{folder}/results.json is empty"));
        }

        Console.WriteLine(ResultTable.Markdown(MedianResult.Of(runs)));
        return 0;
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static async Task<E2eResult> RunOnceAsync(E2eOptions options, RepositoryLayout layout, string serviceDll, BenchCorpus corpus,
        IReadOnlyList<BenchQuery> queries, HttpClient http, string outDir, string command)
    {
        var work = Path.Combine(outDir, "indexes");
        Directory.CreateDirectory(work);
        var indexing = new List<IndexRun>();
        var servedIndex = options.ExistingIndex;
        foreach (var threads in options.ExistingIndex is null ? options.IndexThreads : [])
        {
            if (servedIndex is not null)
            {
                Directory.Delete(servedIndex, recursive: true); // keep disk use to one index of ours
            }

            servedIndex = Path.Combine(work, $"ours-t{threads}");
            indexing.Add(await IndexAsync(serviceDll, corpus, servedIndex, threads, options.ServiceEnvironment, http, outDir));
        }

        var (start, checkErrors, runs, whileAdding, endpoints) = await ServeAsync(serviceDll, corpus, servedIndex!, queries, options, http, outDir);
        var peerQueries = new List<QueryRun>();
        if (options.Peer)
        {
            await RunPeerAsync(new JavaPeer(layout, outDir), corpus, layout.Queries, options, work, indexing, peerQueries);
        }

        Directory.Delete(work, recursive: true);
        var result = new E2eResult(DateTimeOffset.UtcNow, MachineInfo.Current(), command, options,
            new CorpusInfo(corpus.Path, corpus.Documents, corpus.TextMb, corpus.FileBytes / 1e6), indexing, start, checkErrors, runs, endpoints, peerQueries)
        {
            WhileAdding = whileAdding,
        };
        await WriteAsync(result, outDir);
        return result;
    }

    private static async Task<string> WriteAsync(E2eResult result, string outDir)
    {
        await File.WriteAllTextAsync(Path.Combine(outDir, "results.json"), JsonSerializer.Serialize(result, Json));
        var table = ResultTable.Markdown(result);
        await File.WriteAllTextAsync(Path.Combine(outDir, "results.md"), table);
        return table;
    }

    private static async Task<IndexRun> IndexAsync(string serviceDll, BenchCorpus corpus, string index, int threads,
        IReadOnlyDictionary<string, string> environment, HttpClient http, string outDir)
    {
        Console.Error.WriteLine($"indexing {corpus.Documents} reports with {threads} thread(s) through the service …");
        Readiness ready;
        double merge;
        using (var service = ServiceProcess.Start(serviceDll, index, corpus.Path, threads, environment, Path.Combine(outDir, $"service-index-t{threads}.log")))
        {
            ready = await service.WaitUntilHealthyAsync(http, IndexingTimeout);
            merge = await service.WaitUntilMergedAsync(http, IndexingTimeout);
            await service.StopAsync();
        }

        if (ready.Indexed != corpus.Documents)
        {
            Console.Error.WriteLine($"indexed {ready.Indexed} of {corpus.Documents} reports ({ready.Rejected} rejected); see the service log");
        }

        return new IndexRun(E2eResult.Ours, threads, ready.Indexed, ready.Seconds, ready.Indexed / ready.Seconds,
            corpus.TextMb / ready.Seconds, ready.PeakRssMb, ready.CpuSeconds, IndexFolder.SizeMb(index), IndexFolder.Segments(index))
        {
            MergeSeconds = merge,
        };
    }

    private static async Task<(Readiness Start, List<QueryError> CheckErrors, List<QueryRun> Runs, QueryRun WhileAdding, List<EndpointRun> Endpoints)> ServeAsync(
        string serviceDll, BenchCorpus corpus, string index, IReadOnlyList<BenchQuery> queries, E2eOptions options, HttpClient http, string outDir)
    {
        Console.Error.WriteLine("starting the service on the existing index …");
        using var service = ServiceProcess.Start(serviceDll, index, corpus.Path, threads: null, options.ServiceEnvironment, Path.Combine(outDir, "service-serve.log"));
        var start = await service.WaitUntilHealthyAsync(http, StartTimeout);
        var load = new QueryLoad(http, service.BaseAddress, queries);
        var checkErrors = await load.CheckAsync();
        foreach (var error in checkErrors)
        {
            Console.Error.WriteLine($"query {error.Id} ({error.Kind}) answered {error.Status}: {error.Query} {error.Filters}");
        }

        var runs = new List<QueryRun>();
        foreach (var clients in options.Clients)
        {
            Console.Error.WriteLine($"queries: {clients} client(s), {options.WarmupSeconds} s warm-up, {options.Seconds} s timed …");
            service.Process.ResetRssWindow();
            var run = await load.RunAsync(clients, options.WarmupSeconds, options.Seconds, service.Process);
            runs.Add(run with { RssMb = service.Process.WindowPeakRssMb });
            foreach (var error in run.FailingQueries)
            {
                Console.Error.WriteLine($"query {error.Id} ({error.Kind}) answered {error.Status} under load: {error.Query} {error.Filters}");
            }
        }

        var whileAdding = await QueryWhileAddingAsync(service, load, corpus, options, http);
        Console.Error.WriteLine("endpoints beyond the search list, one client …");
        var endpoints = await EndpointLatency.MeasureAsync(http, service.BaseAddress, options.Smoke ? 3 : 20);
        await service.StopAsync();
        return (start, checkErrors, runs, whileAdding, endpoints);
    }

    /// <summary>
    /// One client's queries while a report a second is added to the corpus, each searchable at the next reopen (within
    /// a second), as when a scrape arrives; then the reports are removed again and the service has forgotten them.
    /// </summary>
    private static async Task<QueryRun> QueryWhileAddingAsync(ServiceProcess service, QueryLoad load, BenchCorpus corpus, E2eOptions options, HttpClient http)
    {
        Console.Error.WriteLine($"queries: 1 client while a report a second is added, {options.Seconds} s …");
        var before = await service.IndexHealthAsync(http);
        var (indexed, deleted) = (before.GetProperty("indexed").GetInt64(), before.GetProperty("deleted").GetInt64());
        var adding = AddedReports.AddAsync(corpus.Path, TimeSpan.FromSeconds(options.Seconds));
        service.Process.ResetRssWindow();
        var run = await load.RunAsync(1, warmupSeconds: 0, options.Seconds, service.Process);
        var added = await adding;
        await service.WaitUntilAsync(http, index => index.GetProperty("indexed").GetInt64() >= indexed + added, StartTimeout, "not done adding");
        AddedReports.Remove(corpus.Path);
        await service.WaitUntilAsync(http, index => index.GetProperty("deleted").GetInt64() >= deleted + added, StartTimeout, "not done removing");
        return run with { RssMb = service.Process.WindowPeakRssMb, ReportsAdded = added };
    }

    private static async Task RunPeerAsync(JavaPeer peer, BenchCorpus corpus, string queries, E2eOptions options, string work,
        List<IndexRun> indexing, List<QueryRun> peerQueries)
    {
        string? queryIndex = null;
        foreach (var analyzer in new[] { "smartcn", "icu" })
        {
            foreach (var threads in options.IndexThreads)
            {
                var index = Path.Combine(work, $"peer-{analyzer}-t{threads}");
                indexing.Add(await peer.IndexAsync(corpus, index, analyzer, threads));
                if (analyzer == "smartcn" && threads == options.IndexThreads[^1])
                {
                    queryIndex = index; // the query targets compare with SmartCn
                }
                else
                {
                    Directory.Delete(index, recursive: true);
                }
            }
        }

        foreach (var clients in options.Clients)
        {
            peerQueries.Add(await peer.QueryAsync(queryIndex!, queries, clients, options.WarmupSeconds, options.Seconds));
        }
    }
}
