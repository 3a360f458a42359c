namespace SearchService.Analysis;

public sealed class ChineseWordTokenizerTests
{
    private readonly WordAnalyzer _analyzer = new();

    [Fact]
    public void SplitsSeedSentenceIntoDictionaryWordsWithExactOffsets()
    {
        // seed 003: "…实现一村(社区)一法律顾问全覆盖"; the brackets are punctuation and produce no token.
        TokenAssert.Produces(_analyzer, "实现一村(社区)一法律顾问全覆盖", offsetsCoverTerms: true,
            ("实现", 0, 2), ("一村", 2, 4), ("社区", 5, 7), ("一", 8, 9), ("法律", 9, 11), ("顾问", 11, 13), ("全", 13, 14), ("覆盖", 14, 16));
    }

    [Fact]
    public void SkipsQuotesAndKeepsOffsetsOfTheWordsBetweenThem()
    {
        // seed 000: 开展“八五”普法活动. The dictionary splits 八五 and 普法: matching must not depend on it.
        TokenAssert.Produces(_analyzer, "开展“八五”普法活动", offsetsCoverTerms: true,
            ("开展", 0, 2), ("八", 3, 4), ("五", 4, 5), ("普", 6, 7), ("法", 7, 8), ("活动", 8, 10));
    }

    [Fact]
    public void FoldsFullWidthLettersAndDigitsAndLowerCasesLatin()
    {
        TokenAssert.Produces(_analyzer, "ＡＢＣ１２３和2022年度", offsetsCoverTerms: true,
            ("abc123", 0, 6), ("和", 6, 7), ("2022", 7, 11), ("年度", 11, 13));
    }

    [Fact]
    public void ReadsLongTextWithoutCuttingWordsAtBufferEdges()
    {
        // 4,095 filler characters put 法治 across the 4 kB boundary of a chunked reader.
        var text = new string('，', 4095) + "法治";

        TokenAssert.Produces(_analyzer, text, offsetsCoverTerms: true, ("法治", 4095, 4097));
    }

    [Fact]
    public void TokenizesConcurrentlyWithoutSharingTheBreakIterator()
    {
        const string sentence = "坚持依法治国，建设法治社会";

        var results = Enumerable.Range(0, 8).AsParallel().Select(_ =>
        {
            using var analyzer = new WordAnalyzer();
            return string.Join('|', Enumerable.Range(0, 50).Select(_ => string.Join(' ', TokenAssert.Terms(analyzer, sentence))).Distinct());
        }).ToList();

        Assert.All(results, r => Assert.Equal("坚持 依法 治国 建设 法治 社会", r));
    }
}
