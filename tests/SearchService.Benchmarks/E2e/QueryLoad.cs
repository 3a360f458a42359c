using System.Diagnostics;
using System.Net;

namespace SearchService.Benchmarks.E2e;

/// <summary>
/// Closed-loop HTTP load: each client sends the next query as soon as the previous answer is read in full,
/// cycling through the query file from its own offset (as the peer's threads do).
/// </summary>
internal sealed class QueryLoad(HttpClient http, Uri service, IReadOnlyList<BenchQuery> queries)
{
    /// <summary>Sends every query once; returns those that did not answer 200, with the status.</summary>
    public async Task<List<QueryError>> CheckAsync()
    {
        var errors = new List<QueryError>();
        foreach (var query in queries)
        {
            var (status, _) = await SendAsync(query);
            if (status != HttpStatusCode.OK)
            {
                errors.Add(new QueryError(query.Id, query.Kind, query.Text, query.Filters, (int)status));
            }
        }

        return errors;
    }

    /// <summary>Warm-up, then the timed loop; <paramref name="server"/> is sampled for the CPU time it spends on the timed part.</summary>
    public async Task<QueryRun> RunAsync(int clients, double warmupSeconds, double seconds, ChildProcess server)
    {
        await LoopAsync(clients, warmupSeconds);
        server.SampleNow();
        var cpuBefore = server.CpuSeconds;
        var clock = Stopwatch.StartNew();
        var samples = await LoopAsync(clients, seconds);
        var elapsed = clock.Elapsed.TotalSeconds;
        server.SampleNow();
        var cpu = server.CpuSeconds - cpuBefore;
        var all = samples.SelectMany(s => s).ToList();
        var errors = all.Where(s => s.Status != HttpStatusCode.OK)
            .Select(s => new QueryError(s.Query.Id, s.Query.Kind, s.Query.Text, s.Query.Filters, (int)s.Status))
            .DistinctBy(e => e.Id)
            .ToList();
        return new QueryRun(
            clients,
            elapsed,
            all.Count,
            all.Count / elapsed,
            Latency.Of(all.Select(s => s.Milliseconds).ToList()),
            all.GroupBy(s => s.Query.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Latency.Of(g.Select(s => s.Milliseconds).ToList())),
            all.Count(s => s.Status != HttpStatusCode.OK),
            errors) { ServerCpuMsPerQuery = all.Count == 0 ? 0 : cpu * 1000 / all.Count };
    }

    private async Task<List<Sample>[]> LoopAsync(int clients, double seconds)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        return await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var samples = new List<Sample>(4096);
            var next = client * queries.Count / clients;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var query = queries[next];
                next = (next + 1) % queries.Count;
                var (status, ms) = await SendAsync(query);
                samples.Add(new Sample(query, status, ms));
            }

            return samples;
        })));
    }

    private async Task<(HttpStatusCode Status, double Milliseconds)> SendAsync(BenchQuery query)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.GetAsync(new Uri(service, query.PathAndQuery), HttpCompletionOption.ResponseContentRead);
            return (response.StatusCode, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        catch (HttpRequestException)
        {
            return (0, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    private readonly record struct Sample(BenchQuery Query, HttpStatusCode Status, double Milliseconds);
}

/// <summary>A query that did not answer 200 (status 0: no answer at all).</summary>
internal sealed record QueryError(string Id, string Kind, string Query, string Filters, int Status);

/// <summary>One closed-loop load at a number of clients.</summary>
internal sealed record QueryRun(
    int Clients,
    double Seconds,
    long Queries,
    double Qps,
    Latency Overall,
    IReadOnlyDictionary<string, Latency> ByKind,
    long Errors,
    IReadOnlyList<QueryError> FailingQueries)
{
    /// <summary>Resident memory while serving this load (ours: largest VmRSS sampled; the peer: its VmHWM).</summary>
    public double? RssMb { get; init; }

    /// <summary>The service's CPU time per answered query (ours only: the peer's load runs in its own process).</summary>
    public double? ServerCpuMsPerQuery { get; init; }

    /// <summary>Reports added to the corpus during the load, one a second; null for a load on an unchanging index.</summary>
    public int? ReportsAdded { get; init; }
}
