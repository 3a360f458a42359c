using BenchmarkDotNet.Attributes;
using Lucene.Net.Index;
using SearchService.Indexing;
using SearchService.Search;

namespace SearchService.Benchmarks.Micro;

/// <summary>
/// Snippets for one hit: match offsets from the bigram postings, then 3 passages of about 100 characters
/// (one operation = every seed report, so the mean is per hit).
/// </summary>
[Config(typeof(MicroConfig))]
public class SnippetBenchmarks : IMeasuredWork
{
    private BenchIndex _index = null!;
    private IReadOnlyList<MatchGroup> _groups = null!;
    private (AtomicReader Reader, int Doc, string Text)[] _hits = null!;

    [Params("法律顾问", "法治政府建设 行政复议", "\"重大行政决策\" OR 合法性审查")]
    public string Query { get; set; } = "";

    public static double UnitsPerOperation => 1;
    public static string Unit => "hits";

    [GlobalSetup]
    public void Build()
    {
        _index = BenchIndex.OfSeeds(copies: 1);
        if (!_index.Searcher.TryReadQuery(Query, out var query, out var error))
        {
            throw new InvalidOperationException(error);
        }

        _groups = SnippetHighlighter.GroupsOf(query.Query);
        // Readers stay open for the process: the index does not change.
        _hits = _index.Index.Read(searcher => searcher.IndexReader.Leaves
            .SelectMany(leaf => Enumerable.Range(0, leaf.AtomicReader.MaxDoc)
                .Select(doc => (leaf.AtomicReader, doc, leaf.AtomicReader.Document(doc).Get(ReportFields.Body))))
            .ToArray());
    }

    [GlobalCleanup]
    public void Cleanup() => _index.Dispose();

    [Benchmark(OperationsPerInvoke = 5)]
    public int Snippets()
    {
        var chars = 0;
        foreach (var (reader, doc, text) in _hits)
        {
            var spans = SnippetHighlighter.FindSpans(reader, doc, _groups);
            foreach (var snippet in SnippetHighlighter.Snippets(text, spans, 3, 100, "em"))
            {
                chars += snippet.Length;
            }
        }

        return chars;
    }
}
