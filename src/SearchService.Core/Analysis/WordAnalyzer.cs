using Lucene.Net.Analysis;

namespace SearchService.Analysis;

/// <summary>Dictionary words over folded text: the field that makes whole-word matches rank higher.</summary>
public sealed class WordAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
        new(new ChineseWordTokenizer(reader));
}
