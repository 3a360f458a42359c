using System.Diagnostics;
using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using SearchService.Extraction;
using SearchService.Indexing;
using SearchService.Search;

namespace SearchService.Benchmarks.E2e;

/// <summary>
/// What each body field costs to index: reports of a corpus extracted once into memory, then indexed in process
/// (analysis, inversion, flush and commit, one thread) as the service indexes them, and again with one body field
/// left out or the bigram field without offsets, in turn, round after round. Extraction and file reading are
/// outside the clock, so the differences are the fields' own.
/// </summary>
internal static class FieldCost
{
    public const string Usage = "usage: fields --corpus PATH [--count N] [--rounds N]";

    private static readonly FieldType BigramsWithoutOffsets = PositionsOnly();

    private static readonly (string Name, Action<Document, string> Change)[] Variants =
    [
        ("every field", (_, _) => { }),
        ($"without {ReportFields.Body} (words)", (doc, _) => doc.RemoveFields(ReportFields.Body)),
        ($"without {ReportFields.BodyBigrams}", (doc, _) => doc.RemoveFields(ReportFields.BodyBigrams)),
        ($"{ReportFields.BodyBigrams} without offsets", (doc, text) =>
        {
            doc.RemoveFields(ReportFields.BodyBigrams);
            doc.Add(new Field(ReportFields.BodyBigrams, text, BigramsWithoutOffsets));
        }),
        ($"without {ReportFields.BodyTrigrams}", (doc, _) => doc.RemoveFields(ReportFields.BodyTrigrams)),
        ($"without {ReportFields.BodyFourGrams}", (doc, _) => doc.RemoveFields(ReportFields.BodyFourGrams)),
    ];

    public static int Run(IReadOnlyList<string> args)
    {
        string? corpus = null;
        var (count, rounds) = (2000, 3);
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                switch (args[i])
                {
                    case "--corpus": corpus = args[++i]; break;
                    case "--count": count = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    default: throw new ArgumentException($"unknown argument {args[i]}");
                }
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IndexOutOfRangeException)
        {
            Console.Error.WriteLine($"{e.Message}; {Usage}");
            return 2;
        }

        if (corpus is null || !System.IO.Directory.Exists(corpus) || count < 1 || rounds < 1)
        {
            Console.Error.WriteLine($"--corpus must name a folder of reports, --count and --rounds be at least 1; {Usage}");
            return 2;
        }

        var records = Extract(corpus, count);
        var megabytes = records.Sum(r => (double)System.Text.Encoding.UTF8.GetByteCount(r.Report.Title) + System.Text.Encoding.UTF8.GetByteCount(r.Report.Text)) / 1e6;
        Console.WriteLine($"{records.Count} reports, {megabytes:F1} MB of title and body text; {rounds} rounds of {Variants.Length} indexes, in turn");
        var seconds = Variants.ToDictionary(v => v.Name, _ => new List<double>());
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var (name, change) in Variants)
            {
                var cpu = Index(records, change);
                if (round > 0)
                {
                    seconds[name].Add(cpu); // the first round warms the JIT
                }
            }
        }

        var all = Median(seconds[Variants[0].Name]);
        Console.WriteLine($"{"index",-32} {"CPU s",8} {"MB/CPU s",9} {"÷ every field",14}   (medians)");
        foreach (var (name, _) in Variants)
        {
            var median = Median(seconds[name]);
            Console.WriteLine($"{name,-32} {median,8:F2} {megabytes / median,9:F2} {median / all,14:F2}");
        }

        return 0;
    }

    private static List<ReportRecord> Extract(string corpus, int count)
    {
        var records = new List<ReportRecord>();
        foreach (var path in System.IO.Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (records.Count == count)
            {
                break;
            }

            try
            {
                var content = File.ReadAllBytes(path);
                records.Add(new ReportRecord(Path.GetFileNameWithoutExtension(path), path, "", content.Length, 0, ReportExtractor.Shared.Extract(path, content)));
            }
            catch (FormatException)
            {
                // not a report (the corpus's manifest), as the service would reject it
            }
        }

        return records;
    }

    /// <summary>CPU seconds to index the reports into a fresh folder and commit, with each document changed by <paramref name="change"/>.</summary>
    private static double Index(List<ReportRecord> records, Action<Document, string> change)
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("searchservice-fields-");
        try
        {
            GC.Collect();
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            using (var directory = FSDirectory.Open(folder))
            using (var writer = new IndexWriter(directory, new IndexWriterConfig(IndexSchema.MatchVersion, ReportIndex.CreateAnalyzer())
            {
                RAMBufferSizeMB = new ReportIndexOptions().RamBufferMB,
                Similarity = ReportSearcherFactory.Similarity,
            }))
            {
                foreach (var record in records)
                {
                    var doc = ReportDocument.Build(record);
                    change(doc, record.Report.Text);
                    writer.AddDocument(doc);
                }

                writer.Commit();
            }

            return (Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static FieldType PositionsOnly()
    {
        var type = new FieldType { IsIndexed = true, IsTokenized = true, IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS };
        type.Freeze();
        return type;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
