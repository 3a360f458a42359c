using Lucene.Net.Analysis;

namespace SearchService.Analysis;

/// <summary>The trigram fields' analyzer, the same at index and query time.</summary>
public sealed class TrigramAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
        new(new TrigramTokenizer(reader));
}
