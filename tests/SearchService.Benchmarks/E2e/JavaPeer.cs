using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace SearchService.Benchmarks.E2e;

/// <summary>The Apache Lucene (Java) reference, run through its run.sh; every command prints one JSON object.</summary>
internal sealed class JavaPeer(RepositoryLayout layout, string outDir)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(90);

    public async Task<IndexRun> IndexAsync(BenchCorpus corpus, string indexDir, string analyzer, int threads)
    {
        var (json, peakMb, cpu) = await RunAsync($"index-{analyzer}-t{threads}",
            ["index", corpus.Path, indexDir, "--analyzer", analyzer, "--threads", Text(threads)]);
        return new IndexRun(
            $"peer-{analyzer}",
            threads,
            json["docs"]!.GetValue<long>(),
            Number(json["seconds"]),
            Number(json["docs_per_s"]),
            Number(json["mb_per_s"]),
            peakMb,
            cpu,
            Number(json["index_bytes"]) / 1e6,
            json["segments"]!.GetValue<int>());
    }

    public async Task<QueryRun> QueryAsync(string indexDir, string queries, int clients, double warmup, double seconds)
    {
        var (json, peakMb, _) = await RunAsync($"query-c{clients}",
            ["query", indexDir, queries, "--threads", Text(clients), "--seconds", Text(seconds), "--warmup", Text(warmup)]);
        var errors = json["errors"] is JsonArray list ? list.Count : 0;
        return new QueryRun(
            clients,
            Number(json["seconds"]),
            json["queries_run"]!.GetValue<long>(),
            Number(json["qps"]),
            LatencyOf(json["latency_ms"]!, json["queries_run"]!.GetValue<long>()),
            json["by_kind"]!.AsObject().ToDictionary(k => k.Key, k => LatencyOf(k.Value!, k.Value!["queries_run"]!.GetValue<long>())),
            errors,
            []) { RssMb = peakMb };
    }

    private async Task<(JsonNode Json, double PeakRssMb, double CpuSeconds)> RunAsync(string name, string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { ArgumentList = { layout.PeerScript } };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Console.Error.WriteLine($"peer {string.Join(' ', arguments)}");
        using var process = new ChildProcess(start, Path.Combine(outDir, $"peer-{name}.log"), captureStdout: true);
        var exit = await process.WaitForExitAsync(Timeout);
        if (exit != 0)
        {
            throw new InvalidOperationException($"peer {name} failed with exit code {exit}; see peer-{name}.log");
        }

        var stdout = process.Stdout;
        File.WriteAllText(Path.Combine(outDir, $"peer-{name}.json"), stdout);
        return (JsonNode.Parse(stdout[stdout.IndexOf('{', StringComparison.Ordinal)..])!, process.PeakRssMb, process.CpuSeconds);
    }

    private static Latency LatencyOf(JsonNode node, long count) =>
        new(count, Number(node["p50"]), Number(node["p95"]), Number(node["p99"]), Number(node["max"]), Number(node["mean"]));

    private static double Number(JsonNode? node) => node!.GetValue<double>();

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
