using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Standard;
using SearchService.Indexing;

namespace SearchService.Analysis;

/// <summary>
/// Overlapping Han bigrams, the substring-recall field. At index time every character is also kept as a
/// unigram at its own position (the bigram stacked on its first character), so a query of any length is an
/// exact phrase over this field: 行政复议 → 行政 政复 复议 at consecutive positions, 镇 → the unigram 镇.
/// </summary>
public sealed class BigramAnalyzer(bool forQuery) : Analyzer
{
    /// <summary>The chain used for indexing: bigrams plus unigrams.</summary>
    public static BigramAnalyzer ForIndex() => new(forQuery: false);

    /// <summary>The chain used for queries: bigrams, unigrams only for a lone character.</summary>
    public static BigramAnalyzer ForQuery() => new(forQuery: true);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(IndexSchema.MatchVersion, reader);
        TokenStream stream = new CJKWidthFilter(tokenizer);
        stream = new InvariantLowerCaseFilter(stream);
        stream = new HanBigramFilter(stream, outputUnigrams: !forQuery);
        return new TokenStreamComponents(tokenizer, stream);
    }
}
