using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using SearchService.Indexing;

namespace SearchService.Analysis;

/// <summary>Dictionary words, Latin lower-cased: the field that makes whole-word matches rank higher.</summary>
public sealed class WordAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new ChineseWordTokenizer(reader);
        return new TokenStreamComponents(tokenizer, new LowerCaseFilter(IndexSchema.MatchVersion, tokenizer));
    }
}
