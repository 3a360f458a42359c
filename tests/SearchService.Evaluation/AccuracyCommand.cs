using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SearchService.Extraction;

namespace SearchService.Evaluation;

/// <summary>
/// Extraction accuracy against a generated corpus: builds it with ../shared/bench/make_corpus.py when absent, extracts
/// every file on one thread and compares each field with manifest.jsonl.
/// </summary>
internal static class AccuracyCommand
{
    private const int WarmUpFiles = 500;


    public static int Run(string[] args)
    {
        var count = 20000;
        var examples = 6;
        string? corpus = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--count" when i + 1 < args.Length:
                    count = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--examples" when i + 1 < args.Length:
                    examples = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--corpus" when i + 1 < args.Length:
                    corpus = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}; usage: accuracy [--count N] [--corpus DIR] [--examples N]");
                    return 2;
            }
        }
        corpus ??= DefaultCorpus(count);
        if (!EnsureCorpus(corpus, count))
        {
            return 1;
        }

        var extractor = ReportExtractor.Shared;
        var score = new Scoreboard(examples);
        long ticks = 0, bytes = 0;
        var files = 0;
        foreach (var line in File.ReadLines(Path.Combine(corpus, "manifest.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var expected = doc.RootElement;
            var file = expected.GetProperty("file").GetString()!;
            var content = File.ReadAllBytes(Path.Combine(corpus, file));
            var start = Stopwatch.GetTimestamp();
            var actual = extractor.Extract(file, content);
            files++;
            // The first files warm the JIT and the division index; throughput is the steady state after them.
            if (files > WarmUpFiles)
            {
                ticks += Stopwatch.GetTimestamp() - start;
                bytes += content.Length;
            }
            Compare(score, file, expected, actual);
        }

        var seconds = (double)ticks / Stopwatch.Frequency;
        var timed = Math.Max(0, files - WarmUpFiles);
        Console.WriteLine($"corpus {corpus}: {files} files");
        score.Print();
        Console.WriteLine($"throughput (one thread, after {WarmUpFiles} warm-up files): {timed / seconds:F0} reports/s, {bytes / 1e6 / seconds:F1} MB/s");
        return 0;
    }

    /// <summary>Where the mixed corpus (GB18030, HTML and near-duplicates among it) of <paramref name="count"/> reports lives.</summary>
    internal static string DefaultCorpus(int count) =>
        Path.Combine(Path.GetTempPath(), $"extraction-corpus-n{count}-seed42-gbk0.2-html0.3-dup0.1");

    /// <summary>Generates the corpus unless its manifest is already there; false when generating failed.</summary>
    internal static bool EnsureCorpus(string corpus, int count) =>
        File.Exists(Path.Combine(corpus, "manifest.jsonl")) || Generate(corpus, count) == 0;

    private static int Generate(string corpus, int count)
    {
        var root = RepositoryRoot();
        var script = Path.GetFullPath(Path.Combine(root, "..", "shared", "bench", "make_corpus.py"));
        var psi = new ProcessStartInfo("python3")
        {
            ArgumentList = { script, "--out", corpus, "--count", count.ToString(CultureInfo.InvariantCulture), "--gbk-fraction", "0.2", "--html-fraction", "0.3", "--dup-fraction", "0.1" },
        };
        Console.Error.WriteLine($"generating {count} reports into {corpus} …");
        using var process = Process.Start(psi)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    internal static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SearchService.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("SearchService.sln not found above the working directory.");
    }

    private static void Compare(Scoreboard score, string file, JsonElement e, ExtractedReport a)
    {
        var r = a.Region;
        score.Add("province", file, Str(e, "province_code"), r.ProvinceCode, Str(e, "province"), r.Province);
        score.Add("city", file, Str(e, "city_code"), r.CityCode, Str(e, "city"), r.City);
        score.Add("county", file, Str(e, "county_code"), r.CountyCode, Str(e, "county"), r.County);
        score.Add("township", file, Str(e, "township_code"), r.TownshipCode, Str(e, "township"), r.Township);
        score.Add("level", file, Str(e, "level"), a.Level);
        score.Add("report year", file, e.GetProperty("report_year").GetInt32().ToString(CultureInfo.InvariantCulture), a.ReportYear?.ToString(CultureInfo.InvariantCulture));
        // The brief's publish date: the header's date, else the signature's.
        score.Add("publish date", file, Str(e, "publish_date") ?? Str(e, "signed_date"), a.PublishDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var title = Str(e, "title");
        score.Add("title", file, title ?? "(derived)", title is null && a.TitleDerived ? "(derived)" : a.Title);
        score.Add("issuer", file, Str(e, "issuer"), a.Issuer);
        score.Add("department", file, Str(e, "department"), a.Department);
        var kinds = string.Join(",", e.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("kind").GetString() switch
        {
            "leader_duties" => SectionKinds.LeaderDuties,
            "next_year_plan" => SectionKinds.NextYearPlan,
            var k => k,
        }));
        score.Add("section kinds", file, kinds, string.Join(",", a.Sections.Select(s => s.Kind)));
        var laws = e.GetProperty("cited_laws").EnumerateArray().Select(l => CitationExtractor.NormalizeLaw(l.GetString()![1..^1])).Distinct().Order(StringComparer.Ordinal);
        score.Add("cited laws", file, string.Join("", laws), string.Join("", a.CitedLaws.Order(StringComparer.Ordinal)));

        var wrong = Differs(Str(e, "province_code"), r.ProvinceCode) || Differs(Str(e, "city_code"), r.CityCode)
            || Differs(Str(e, "county_code"), r.CountyCode) || Differs(Str(e, "township_code"), r.TownshipCode);
        score.AddConfidence(a.RegionConfidence, wrong, file);
    }

    /// <summary>A region level is wrong when it names something else; leaving it empty is not wrong, only unknown.</summary>
    private static bool Differs(string? expected, string? actual) => actual is not null && actual != expected;

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private sealed class Scoreboard(int examplesPerField)
    {
        private readonly Dictionary<string, (int Right, int Total, Dictionary<string, (int Count, string Example)> Confusions)> _fields = [];
        private readonly Dictionary<string, (int Total, int Wrong, string? Example)> _confidence = [];

        public void Add(string field, string file, string? expected, string? actual, string? expectedLabel = null, string? actualLabel = null)
        {
            if (!_fields.TryGetValue(field, out var f))
            {
                f = (0, 0, []);
            }
            f.Total++;
            if (expected == actual)
            {
                f.Right++;
            }
            else
            {
                var key = $"{expectedLabel ?? expected ?? "∅"} ({expected ?? "∅"}) → {actualLabel ?? actual ?? "∅"} ({actual ?? "∅"})";
                if (expectedLabel is null)
                {
                    key = $"{expected ?? "∅"} → {actual ?? "∅"}";
                }
                f.Confusions[key] = f.Confusions.TryGetValue(key, out var c) ? (c.Count + 1, c.Example) : (1, file);
            }
            _fields[field] = f;
        }

        public void AddConfidence(string confidence, bool wrong, string file)
        {
            var c = _confidence.GetValueOrDefault(confidence);
            _confidence[confidence] = (c.Total + 1, c.Wrong + (wrong ? 1 : 0), c.Example ?? (wrong ? file : null));
        }

        public void Print()
        {
            Console.WriteLine($"{"field",-16}{"accuracy",10}{"right",8}{"total",8}");
            foreach (var (field, f) in _fields)
            {
                Console.WriteLine($"{field,-16}{100.0 * f.Right / f.Total,9:F2}%{f.Right,8}{f.Total,8}");
            }
            Console.WriteLine();
            foreach (var (confidence, c) in _confidence.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"region confidence {confidence,-7}: {c.Total,6} reports, {c.Wrong} with a wrong (not merely empty) level{(c.Example is null ? "" : $", e.g. {c.Example}")}");
            }
            Console.WriteLine();
            foreach (var (field, f) in _fields)
            {
                if (f.Confusions.Count == 0)
                {
                    continue;
                }
                Console.WriteLine($"worst confusions: {field}");
                foreach (var (key, c) in f.Confusions.OrderByDescending(c => c.Value.Count).Take(examplesPerField))
                {
                    Console.WriteLine($"  {c.Count,5} × {Shorten(key)}   e.g. {c.Example}");
                }
            }
            Console.WriteLine();
        }

        private static string Shorten(string s) => s.Length <= 160 ? s : s[..157] + "…";
    }
}
