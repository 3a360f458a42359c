using Lucene.Net.Analysis;

namespace SearchService.Analysis;

/// <summary>
/// The substring-recall analyzer, the same at index and query time: a query of any length becomes an exact phrase
/// over its tokens (行政复议 → 行政 政复 复议 at consecutive positions; 镇 → the unigram 镇).
/// </summary>
public sealed class BigramAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
        new(new BigramTokenizer(reader));
}
