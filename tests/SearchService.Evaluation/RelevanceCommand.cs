using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using SearchService.Extraction;
using SearchService.Indexing;
using SearchService.Search;

namespace SearchService.Evaluation;

/// <summary>
/// Relevance against a generated corpus: indexes it (or reuses an index), runs every query of relevance-queries.tsv
/// through the searcher and checks the top 10 against the judgments: the relevant reports must fill it (or all be
/// in it when there are fewer than 10). Prints each query, the share that passes and the mean nDCG@10.
/// </summary>
internal static class RelevanceCommand
{
    private const int Depth = 10;
    private const double Target = 0.95;

    public static int Run(string[] args)
    {
        var count = 20000;
        string? corpus = null, indexPath = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--count" when i + 1 < args.Length:
                    count = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--corpus" when i + 1 < args.Length:
                    corpus = args[++i];
                    break;
                case "--index" when i + 1 < args.Length:
                    indexPath = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}; usage: relevance [--count N] [--corpus DIR] [--index DIR]");
                    return 2;
            }
        }

        corpus ??= AccuracyCommand.DefaultCorpus(count);
        if (!AccuracyCommand.EnsureCorpus(corpus, count))
        {
            return 1;
        }

        indexPath ??= corpus.TrimEnd('/') + "-index";
        using var index = new ReportIndex(new ReportIndexOptions { Path = indexPath });
        IndexCorpus(index, corpus);
        var searcher = new ReportSearcher(index, new QueryTranslator(Synonyms.Load()));
        var judgments = Judgments(corpus);

        var passed = 0;
        var ndcgSum = 0.0;
        var queries = File.ReadLines(Path.Combine(AccuracyCommand.RepositoryRoot(), "tests", "SearchService.Evaluation", "relevance-queries.tsv"))
            .Where(l => !l.StartsWith('#') && l.Length > 0).Skip(1).Select(l => l.Split('\t')).ToList();
        Console.WriteLine($"{"query",-36} {"judge",-10} {"relevant",8} {"in top 10",9} {"nDCG@10",8}  result");
        foreach (var (query, judge) in queries.Select(q => (q[0], q[1])))
        {
            var relevant = judgments(judge, query);
            if (!searcher.TryReadQuery(query, out var parsed, out var error))
            {
                Console.WriteLine($"{query}: {error}");
                continue;
            }

            var top = searcher.Search(new SearchRequest { Limit = Depth, SnippetCount = 1 }, parsed).Hits.Select(h => h.Report.Id).ToList();
            var found = top.Count(relevant.Contains);
            var ok = relevant.Count <= Depth ? found == relevant.Count : found == Depth;
            var ndcg = Ndcg(top, relevant);
            passed += ok ? 1 : 0;
            ndcgSum += ndcg;
            Console.WriteLine($"{Shorten(query),-36} {judge.Split('=')[0],-10} {relevant.Count,8} {found,9} {ndcg,8:F3}  {(ok ? "ok" : "MISSED")}");
        }

        var share = (double)passed / queries.Count;
        Console.WriteLine($"{passed}/{queries.Count} queries with the relevant reports filling the top {Depth}: {share:P1} (target {Target:P0}); mean nDCG@{Depth} {ndcgSum / queries.Count:F3}");
        return share >= Target ? 0 : 1;
    }

    /// <summary>Indexes every report of the manifest that the index does not hold yet, in parallel; ids are file names.</summary>
    private static void IndexCorpus(ReportIndex index, string corpus)
    {
        var known = index.ReadFileStates();
        var files = File.ReadLines(Path.Combine(corpus, "manifest.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("file").GetString()!)
            .Where(f => !known.ContainsKey(Path.GetFileNameWithoutExtension(f)))
            .ToList();
        if (files.Count == 0)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        var extractor = ReportExtractor.Shared;
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
        {
            var path = Path.Combine(corpus, file);
            var content = File.ReadAllBytes(path);
            var report = extractor.Extract(file, content);
            index.Upsert(new ReportRecord(Path.GetFileNameWithoutExtension(file), path, Convert.ToHexString(SHA256.HashData(content)), content.Length, 0, report));
        });
        index.Commit();
        index.WaitForSearchers();
        Console.WriteLine($"indexed {files.Count} reports in {clock.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>For a judge spec and query, the ids of the relevant reports.</summary>
    private static Func<string, string, HashSet<string>> Judgments(string corpus)
    {
        var qrels = File.ReadLines(Path.Combine(corpus, "qrels.tsv")).Skip(1).Select(l => l.Split('\t'))
            .ToLookup(p => p[0], p => Path.GetFileNameWithoutExtension(p[1]));
        var byTownship = new Dictionary<string, HashSet<string>>();
        var byLaw = new Dictionary<string, HashSet<string>>();
        foreach (var line in File.ReadLines(Path.Combine(corpus, "manifest.jsonl")))
        {
            var m = JsonDocument.Parse(line).RootElement;
            var id = Path.GetFileNameWithoutExtension(m.GetProperty("file").GetString()!);
            if (m.GetProperty("level").GetString() == ReportLevels.Township && m.GetProperty("township_code").GetString() is { } code)
            {
                (byTownship.TryGetValue(code, out var set) ? set : byTownship[code] = []).Add(id);
            }

            foreach (var law in m.GetProperty("cited_laws").EnumerateArray())
            {
                (byLaw.TryGetValue(law.GetString()!, out var set) ? set : byLaw[law.GetString()!] = []).Add(id);
            }
        }

        return (judge, query) => judge switch
        {
            "qrels" => qrels[query].ToHashSet(),
            _ when judge.StartsWith("township=", StringComparison.Ordinal) => byTownship.GetValueOrDefault(judge["township=".Length..]) ?? [],
            _ when judge.StartsWith("law=", StringComparison.Ordinal) => byLaw.GetValueOrDefault(judge["law=".Length..]) ?? [],
            _ => throw new FormatException($"unknown judge '{judge}'"),
        };
    }

    /// <summary>Binary gains: DCG of the ranking over the DCG of the ideal one.</summary>
    private static double Ndcg(List<string> ranking, HashSet<string> relevant)
    {
        var dcg = ranking.Select((id, i) => relevant.Contains(id) ? 1 / Math.Log2(i + 2) : 0).Sum();
        var ideal = Enumerable.Range(0, Math.Min(Depth, relevant.Count)).Sum(i => 1 / Math.Log2(i + 2));
        return ideal == 0 ? 0 : dcg / ideal;
    }

    private static string Shorten(string s) => s.Length <= 30 ? s : s[..29] + "…";
}
