using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Lucene.Net.Search;
using SearchService.Indexing;
using SearchService.Search;

namespace SearchService.Benchmarks.E2e;

/// <summary>
/// The query file run in process on an existing index, one query at a time, with each query's stages timed
/// apart: reading the query, matching and facet counting, and the whole search (hits, snippets, facets). It
/// shows where a query's time goes without HTTP, the load generator or a second client in the way.
/// </summary>
internal static class QueryProfile
{
    public const string Usage = "usage: queries --index PATH [--rounds N] [--kind KIND] [--store Nio|MMap] [--read-cache-mb MB] [--postings-cache-mb MB] [--search-threads N] [--min-reports-per-part N] [--top N]";

    public static int Run(IReadOnlyList<string> args)
    {
        string? path = null;
        var rounds = 5;
        string? kind = null;
        var store = IndexStore.Nio;
        var slowest = 15;
        var readCacheMB = new ReportIndexOptions().ReadCacheMB;
        var postingsCacheMB = new ReportIndexOptions().PostingsCacheMB;
        var searchThreads = new ReportIndexOptions().SearchThreads;
        var minReportsPerPart = new ReportIndexOptions().MinReportsPerSearchPart;
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                switch (args[i])
                {
                    case "--index": path = args[++i]; break;
                    case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--kind": kind = args[++i]; break;
                    case "--top": slowest = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--store": store = Enum.Parse<IndexStore>(args[++i], ignoreCase: true); break;
                    case "--read-cache-mb": readCacheMB = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--postings-cache-mb": postingsCacheMB = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--search-threads": searchThreads = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--min-reports-per-part": minReportsPerPart = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    default: throw new ArgumentException($"unknown argument {args[i]}");
                }
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IndexOutOfRangeException)
        {
            Console.Error.WriteLine($"{e.Message}; {Usage}");
            return 2;
        }

        if (path is null || !Directory.Exists(path) || rounds < 1)
        {
            Console.Error.WriteLine($"--index must name an existing index folder and --rounds be at least 1; {Usage}");
            return 2;
        }

        var queries = BenchQuery.Load(RepositoryLayout.Find().Queries)
            .Where(q => kind is null || q.Kind == kind)
            .ToList();
        using var index = new ReportIndex(new ReportIndexOptions
        {
            Path = path,
            Store = store,
            ReadCacheMB = readCacheMB,
            PostingsCacheMB = postingsCacheMB,
            SearchThreads = searchThreads,
            MinReportsPerSearchPart = minReportsPerPart,
        });
        index.WaitForSearchers();
        using var translator = new QueryTranslator(Synonyms.Load());
        var searcher = new ReportSearcher(index, translator);

        var times = queries.ToDictionary(q => q, _ => new Stage[rounds]);
        (int Gen0, int Gen1, int Gen2, TimeSpan Paused)? gc = null;
        var timed = new Stopwatch();
        for (var round = -1; round < rounds; round++)
        {
            if (round == 0)
            {
                gc = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
                timed.Start();
            }

            foreach (var query in queries)
            {
                var stage = Time(searcher, index, query);
                if (round >= 0)
                {
                    times[query][round] = stage;
                }
            }
        }

        Console.WriteLine($"{"kind",-12} {"n",3} {"parse",8} {"collect",8} {"search",8} {"KB coll",8} {"KB srch",8}   (median ms per query, {rounds} rounds; KB allocated)");
        foreach (var group in times.GroupBy(t => t.Key.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Print(group.Key, group.Select(g => Stage.Median(g.Value)).ToList());
        }

        Print("all (mean)", times.Values.Select(Stage.Median).ToList());
        if (gc is var (gen0, gen1, gen2, paused))
        {
            // Collections while the timed rounds ran, and the share of their time the runtime held every thread.
            var pause = GC.GetTotalPauseDuration() - paused;
            Console.WriteLine($"GC ({(GCSettings.IsServerGC ? "server" : "workstation")}): {GC.CollectionCount(0) - gen0} gen0, {GC.CollectionCount(1) - gen1} gen1, {GC.CollectionCount(2) - gen2} gen2 collections, paused {pause.TotalMilliseconds:F0} ms ({pause / timed.Elapsed:P1} of the timed rounds)");
        }

        if (index.ReadCache is { } cache)
        {
            Console.WriteLine($"read cache: {cache.HeldMB:F0} MB held, {cache.Lookups} look-ups, {cache.Reads} reads from files, hit rate {cache.HitRate:P2}");
        }

        if (index.PostingsLists is { } lists)
        {
            Console.WriteLine($"postings cache: {lists.Count} lists, {lists.Bytes / (1024.0 * 1024):F1} MB, {lists.Uses} uses");
        }

        foreach (var (query, stages) in times.OrderByDescending(t => Stage.Median(t.Value).Search).Take(slowest))
        {
            var m = Stage.Median(stages);
            Console.WriteLine($"  {query.Id} {query.Kind,-11} {m.Collect,7:F2} {m.Search,7:F2}  {query.Text} {query.Filters}");
        }

        return 0;

        static void Print(string label, List<Stage> medians) => Console.WriteLine(
            $"{label,-12} {medians.Count,3} {medians.Average(m => m.Parse),8:F2} {medians.Average(m => m.Collect),8:F2} {medians.Average(m => m.Search),8:F2} {medians.Average(m => m.CollectKb),8:F0} {medians.Average(m => m.SearchKb),8:F0}");
    }

    private static Stage Time(ReportSearcher searcher, ReportIndex index, BenchQuery query)
    {
        var request = RequestOf(query);
        var clock = Stopwatch.StartNew();
        if (!searcher.TryReadQuery(query.Text, out var parsed, out var error))
        {
            throw new InvalidOperationException($"{query.Id}: {error}");
        }

        var parse = clock.Elapsed.TotalMilliseconds;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        clock.Restart();
        index.Read(s =>
        {
            var top = TopScoreDocCollector.Create(10, docsScoredInOrder: true);
            using var counter = ReportSearcher.Collect(s, request, parsed, top);
            return counter.TotalHits;
        });
        var collect = clock.Elapsed.TotalMilliseconds;
        var collectKb = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0;
        allocated = GC.GetAllocatedBytesForCurrentThread();
        clock.Restart();
        searcher.Search(request, parsed);
        var search = clock.Elapsed.TotalMilliseconds;
        return new Stage(parse, collect, search, collectKb, (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0);
    }

    private static SearchRequest RequestOf(BenchQuery query)
    {
        var filters = new Dictionary<string, IReadOnlyCollection<string>>();
        int? from = null, to = null;
        foreach (var pair in query.Filters.Split([';', '&'], StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (k.Trim(), v.Trim()) : throw new FormatException(pair);
            switch (key)
            {
                case "year_from": from = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "year_to": to = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "year" when value.Split('-') is [var a, var b]:
                    (from, to) = (int.Parse(a, CultureInfo.InvariantCulture), int.Parse(b, CultureInfo.InvariantCulture));
                    break;
                default: filters[key] = [value]; break;
            }
        }

        return new SearchRequest { Filters = filters, YearFrom = from, YearTo = to };
    }

    private readonly record struct Stage(double Parse, double Collect, double Search, double CollectKb, double SearchKb)
    {
        public static Stage Median(Stage[] stages) => new(
            Middle(stages.Select(s => s.Parse)),
            Middle(stages.Select(s => s.Collect)),
            Middle(stages.Select(s => s.Search)),
            Middle(stages.Select(s => s.CollectKb)),
            Middle(stages.Select(s => s.SearchKb)));

        private static double Middle(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted[sorted.Length / 2];
        }
    }
}
