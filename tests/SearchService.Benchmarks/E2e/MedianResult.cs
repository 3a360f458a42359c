namespace SearchService.Benchmarks.E2e;

/// <summary>
/// Several runs of the same benchmark folded into one result whose every figure is the median of the runs' (errors
/// and failing queries are summed), so one noisy run on a shared machine moves nothing.
/// </summary>
internal static class MedianResult
{
    public static E2eResult Of(IReadOnlyList<E2eResult> runs)
    {
        var last = runs[^1];
        return last with
        {
            Command = $"{last.Command} (median of {runs.Count} runs)",
            Indexing = runs.SelectMany(r => r.Indexing).GroupBy(r => (r.System, r.Threads)).Select(Indexing).ToList(),
            Start = new Readiness(
                Median(runs, r => r.Start.Seconds), (long)Median(runs, r => r.Start.Indexed), (long)Median(runs, r => r.Start.Unchanged),
                (long)Median(runs, r => r.Start.Rejected), Median(runs, r => r.Start.PeakRssMb), Median(runs, r => r.Start.CpuSeconds)),
            CheckPassErrors = runs.SelectMany(r => r.CheckPassErrors).ToList(),
            Queries = Queries(runs.SelectMany(r => r.Queries)),
            WhileAdding = Queries(runs.Select(r => r.WhileAdding).OfType<QueryRun>()).SingleOrDefault(),
            Endpoints = runs.SelectMany(r => r.Endpoints).GroupBy(e => (e.Endpoint, e.Example))
                .Select(g => new EndpointRun(g.Key.Endpoint, g.Key.Example, Latency(g.Select(e => e.Latency).ToList()), g.Sum(e => e.Errors)))
                .ToList(),
            PeerQueries = Queries(runs.SelectMany(r => r.PeerQueries)),
        };
    }

    private static IndexRun Indexing(IGrouping<(string System, int Threads), IndexRun> runs)
    {
        var list = runs.ToList();
        return new IndexRun(runs.Key.System, runs.Key.Threads, (long)Median(list, r => r.Documents), Median(list, r => r.Seconds),
            Median(list, r => r.DocsPerSecond), Median(list, r => r.MbPerSecond), Median(list, r => r.PeakRssMb),
            Median(list, r => r.CpuSeconds), Median(list, r => r.IndexMb), (int)Median(list, r => r.Segments))
        {
            MergeSeconds = MedianOrNull(list, r => r.MergeSeconds),
        };
    }

    private static List<QueryRun> Queries(IEnumerable<QueryRun> runs) =>
        runs.GroupBy(r => r.Clients).Select(g =>
        {
            var list = g.ToList();
            var kinds = list.SelectMany(r => r.ByKind.Keys).Distinct();
            return new QueryRun(g.Key, Median(list, r => r.Seconds), (long)Median(list, r => r.Queries), Median(list, r => r.Qps),
                Latency(list.Select(r => r.Overall).ToList()),
                kinds.ToDictionary(k => k, k => Latency(list.Where(r => r.ByKind.ContainsKey(k)).Select(r => r.ByKind[k]).ToList())),
                list.Sum(r => r.Errors), list.SelectMany(r => r.FailingQueries).ToList())
            {
                RssMb = MedianOrNull(list, r => r.RssMb),
                ServerCpuMsPerQuery = MedianOrNull(list, r => r.ServerCpuMsPerQuery),
                ReportsAdded = (int?)MedianOrNull(list, r => r.ReportsAdded),
            };
        }).ToList();

    private static Latency Latency(IReadOnlyList<Latency> runs) => new(
        (long)Median(runs, l => l.Count), Median(runs, l => l.P50), Median(runs, l => l.P95), Median(runs, l => l.P99),
        Median(runs, l => l.Max), Median(runs, l => l.Mean));

    private static double? MedianOrNull<T>(IReadOnlyList<T> runs, Func<T, double?> value)
    {
        var known = runs.Where(r => value(r) is not null).ToList();
        return known.Count == 0 ? null : Median(known, r => value(r)!.Value);
    }

    private static double Median<T>(IReadOnlyList<T> runs, Func<T, double> value)
    {
        var sorted = runs.Select(value).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
