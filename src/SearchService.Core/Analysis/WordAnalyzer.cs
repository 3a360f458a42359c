using Lucene.Net.Analysis;

namespace SearchService.Analysis;

/// <summary>Dictionary words, Latin lower-cased: the field that makes whole-word matches rank higher.</summary>
public sealed class WordAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new ChineseWordTokenizer(reader);
        return new TokenStreamComponents(tokenizer, new InvariantLowerCaseFilter(tokenizer));
    }
}
