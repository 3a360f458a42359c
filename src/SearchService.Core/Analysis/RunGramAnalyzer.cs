using Lucene.Net.Analysis;

namespace SearchService.Analysis;

/// <summary>The analyzer of the trigram (size 3) and four-gram (size 4) fields, the same at index and query time.</summary>
public sealed class RunGramAnalyzer(int size) : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
        new(new RunGramTokenizer(reader, size));
}
