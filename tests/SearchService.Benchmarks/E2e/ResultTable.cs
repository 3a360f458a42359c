using System.Globalization;
using System.Text;

namespace SearchService.Benchmarks.E2e;

/// <summary>The side-by-side Markdown table of a run: each of our figures, the peer's, and ours ÷ peer.</summary>
internal static class ResultTable
{
    private static readonly (string Name, Func<IndexRun, double> Value, string Format)[] IndexFigures =
    [
        ("seconds", r => r.Seconds, "F1"),
        ("docs/s", r => r.DocsPerSecond, "F0"),
        ("MB/s", r => r.MbPerSecond, "F2"),
        ("peak RSS MB", r => r.PeakRssMb, "F0"),
        ("CPU s", r => r.CpuSeconds, "F1"),
        ("MB per CPU s", r => r.MbPerCpuSecond, "F2"),
        ("index MB", r => r.IndexMb, "F0"),
        ("segments", r => r.Segments, "F0"),
        ("merge after load s", r => r.MergeSeconds ?? double.NaN, "F1"),
    ];

    private static readonly (string Name, Func<QueryRun, double> Value, string Format)[] QueryFigures =
    [
        ("QPS", r => r.Qps, "F1"),
        ("p50 ms", r => r.Overall.P50, "F2"),
        ("p95 ms", r => r.Overall.P95, "F2"),
        ("p99 ms", r => r.Overall.P99, "F2"),
        ("max ms", r => r.Overall.Max, "F1"),
        ("mean ms", r => r.Overall.Mean, "F2"),
        ("errors", r => r.Errors, "F0"),
        ("RSS MB", r => r.RssMb ?? double.NaN, "F0"),
        ("server CPU ms/query", r => r.ServerCpuMsPerQuery ?? double.NaN, "F2"),
    ];

    public static string Markdown(E2eResult result)
    {
        var md = new StringBuilder();
        var m = result.Machine;
        md.AppendLine(CultureInfo.InvariantCulture, $"## {result.Corpus.Documents} reports, {result.Corpus.TextMb:F1} MB text ({result.Date:yyyy-MM-dd HH:mm} UTC)");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {m.Cores} cores, {m.MemoryGiB} GiB, {m.Os}, {m.Runtime}. Command: `{result.Command}`.");
        md.AppendLine();

        md.AppendLine("### Indexing (ours: the service from process start to healthy; peer: documents preloaded, clock from first add to commit)");
        md.AppendLine();
        md.AppendLine("| threads | figure | ours | peer smartcn | ours ÷ smartcn | peer icu | ours ÷ icu |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var ours in result.Indexing.Where(r => r.System == E2eResult.Ours))
        {
            var smartcn = result.Indexing.FirstOrDefault(r => r.System == "peer-smartcn" && r.Threads == ours.Threads);
            var icu = result.Indexing.FirstOrDefault(r => r.System == "peer-icu" && r.Threads == ours.Threads);
            foreach (var (name, value, format) in IndexFigures)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {ours.Threads} | {name} | {Cell(value(ours), format)} | {Cell(smartcn, value, format)} | {Ratio(ours, smartcn, value)} | {Cell(icu, value, format)} | {Ratio(ours, icu, value)} |");
            }
        }

        md.AppendLine();
        md.AppendLine("### Queries (ours: HTTP, JSON, Kestrel, client on the same machine; peer: in-process, SmartCn index)");
        md.AppendLine();
        md.AppendLine("| clients | figure | ours | peer smartcn | ours ÷ peer |");
        md.AppendLine("|---|---|---:|---:|---:|");
        foreach (var ours in result.Queries)
        {
            var peer = result.PeerQueries.FirstOrDefault(p => p.Clients == ours.Clients);
            foreach (var (name, value, format) in QueryFigures)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {ours.Clients} | {name} | {Cell(value(ours), format)} | {Cell(peer, value, format)} | {Ratio(ours, peer, value)} |");
            }
        }

        md.AppendLine();
        md.AppendLine("### Latency by query kind, ms (ours / peer)");
        md.AppendLine();
        md.Append("| kind |");
        foreach (var run in result.Queries)
        {
            md.Append(CultureInfo.InvariantCulture, $" p50 c{run.Clients} | p99 c{run.Clients} |");
        }

        md.AppendLine();
        md.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|---:|", result.Queries.Count)));
        foreach (var kind in result.Queries.SelectMany(q => q.ByKind.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            md.Append(CultureInfo.InvariantCulture, $"| {kind} |");
            foreach (var run in result.Queries)
            {
                var peer = result.PeerQueries.FirstOrDefault(p => p.Clients == run.Clients)?.ByKind.GetValueOrDefault(kind);
                var ours = run.ByKind.GetValueOrDefault(kind);
                md.Append(CultureInfo.InvariantCulture, $" {Pair(ours?.P50, peer?.P50)} | {Pair(ours?.P99, peer?.P99)} |");
            }

            md.AppendLine();
        }

        if (result.WhileAdding is { } adding && result.Queries.FirstOrDefault(q => q.Clients == 1) is { } still)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture,
                $"### Queries while reports are added (1 client, one report a second, each searchable at the next reopen; {adding.ReportsAdded} added)");
            md.AppendLine();
            md.AppendLine("| figure | while adding | nothing added | adding ÷ not |");
            md.AppendLine("|---|---:|---:|---:|");
            foreach (var (name, value, format) in QueryFigures)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Cell(value(adding), format)} | {Cell(value(still), format)} | {Ratio(adding, still, value)} |");
            }
        }

        md.AppendLine();
        md.AppendLine("### Other endpoints, one client, ms");
        md.AppendLine();
        md.AppendLine("| endpoint | request | p50 | p95 | max | errors |");
        md.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var e in result.Endpoints)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {e.Endpoint} | `{e.Example}` | {e.Latency.P50:F1} | {e.Latency.P95:F1} | {e.Latency.Max:F1} | {e.Errors} |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"### Start on the existing index, files unchanged: healthy in {result.Start.Seconds:F2} s ({result.Start.Unchanged} unchanged, {result.Start.Indexed} re-indexed)");
        if (result.CheckPassErrors.Count > 0)
        {
            md.AppendLine();
            var failed = string.Join(", ", result.CheckPassErrors.Select(e => $"{e.Id} ({e.Status})"));
            md.AppendLine(CultureInfo.InvariantCulture, $"**{result.CheckPassErrors.Count} queries failed the check pass:** {failed}");
        }

        return md.ToString();
    }

    private static string Cell(double value, string format) =>
        double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Cell<T>(T? run, Func<T, double> value, string format) where T : class =>
        run is null ? "–" : Cell(value(run), format);

    private static string Ratio<T>(T ours, T? peer, Func<T, double> value) where T : class =>
        peer is null || value(peer) == 0 || double.IsNaN(value(peer)) || double.IsNaN(value(ours))
            ? "–"
            : (value(ours) / value(peer)).ToString("F2", CultureInfo.InvariantCulture);

    private static string Pair(double? ours, double? peer) =>
        string.Create(CultureInfo.InvariantCulture, $"{(ours is { } o ? o.ToString("F1", CultureInfo.InvariantCulture) : "–")} / {(peer is { } p ? p.ToString("F1", CultureInfo.InvariantCulture) : "–")}");
}
