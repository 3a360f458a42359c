using BenchmarkDotNet.Attributes;
using Lucene.Net.Index;
using SearchService.Indexing;
using SearchService.Search;

namespace SearchService.Benchmarks.Micro;

/// <summary>
/// Snippets as a search page builds them: the match offsets of every hit read from the bigram postings in one
/// pass, then 3 passages of about 100 characters per hit (one operation = a page of every seed report, so the
/// mean is per hit).
/// </summary>
[Config(typeof(MicroConfig))]
public class SnippetBenchmarks : IMeasuredWork
{
    private BenchIndex _index = null!;
    private IReadOnlyList<MatchGroup> _groups = null!;
    private int[] _docs = null!;
    private string[] _texts = null!;

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
        (_docs, _texts) = _index.Index.Read(searcher =>
        {
            var leaves = searcher.IndexReader.Leaves;
            var docs = Enumerable.Range(0, searcher.IndexReader.MaxDoc).ToArray();
            return (docs, docs.Select(TextOf).ToArray());

            string TextOf(int doc)
            {
                var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
                return ReportDocument.ReadText(leaf.AtomicReader, doc - leaf.DocBase).ToString();
            }
        });
    }

    [GlobalCleanup]
    public void Cleanup() => _index.Dispose();

    [Benchmark(OperationsPerInvoke = 5)]
    public int Snippets()
    {
        var chars = 0;
        var spans = _index.Index.Read(searcher => SnippetHighlighter.FindSpans(searcher.IndexReader, _docs, _groups));
        for (var i = 0; i < _docs.Length; i++)
        {
            foreach (var snippet in SnippetHighlighter.Snippets(_texts[i], spans[i], 3, 100, "em"))
            {
                chars += snippet.Length;
            }
        }

        return chars;
    }
}
