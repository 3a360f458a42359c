namespace SearchService.Analysis;

public sealed class BigramAnalyzerTests
{
    private readonly BigramAnalyzer _analyzer = new();

    [Fact]
    public void EveryCharacterIsTheBigramItStartsAndTheEdgesOfARunAreUnigramsToo()
    {
        TokenAssert.Produces(_analyzer, "一法律顾问", offsetsCoverTerms: true,
            ("一", 0, 1), ("一法", 0, 2), ("法律", 1, 3), ("律顾", 2, 4), ("顾问", 3, 5), ("问", 4, 5));
    }

    [Fact]
    public void ACharacterBetweenTwoRunsIsItsUnigramAlone()
    {
        Assert.Equal([("乡", 1), ("乡镇", 0), ("镇", 1), ("村", 2), ("a", 2)], Tokens("乡镇，村 A"));
    }

    [Fact]
    public void LegalCounselBigramsAreFoundInsideOneVillageOneCounsel()
    {
        var indexed = TokenAssert.Terms(_analyzer, "实现一村(社区)一法律顾问全覆盖");

        Assert.Subset(indexed.ToHashSet(), new HashSet<string> { "法律", "律顾", "顾问" });
    }

    [Fact]
    public void QuotationMarksAndBracketsDoNotSeparateCharacters()
    {
        // seed 000: 开展“八五”普法活动; the pairs across the quotes cover the marks between them.
        TokenAssert.Produces(_analyzer, "开展“八五”普法", offsetsCoverTerms: false,
            ("开", 0, 1), ("开展", 0, 2), ("展八", 1, 4), ("八五", 3, 5), ("五普", 4, 7), ("普法", 6, 8), ("法", 7, 8));
    }

    [Fact]
    public void OtherPunctuationLeavesAPositionGapAndNoPair()
    {
        var tokens = Tokens("行政、复议");

        Assert.Equal([("行", 1), ("行政", 0), ("政", 1), ("复", 2), ("复议", 0), ("议", 1)], tokens);
    }

    [Fact]
    public void FoldsTraditionalFullWidthAndUpperCaseFormsKeepingOffsets()
    {
        TokenAssert.Produces(_analyzer, "行政復議ＰＰＰ２０２２", offsetsCoverTerms: true,
            ("行", 0, 1), ("行政", 0, 2), ("政复", 1, 3), ("复议", 2, 4), ("议", 3, 4), ("ppp2022", 4, 11));
    }

    [Fact]
    public void DecimalNumbersStayWhole()
    {
        TokenAssert.Produces(_analyzer, "提高3.5%", offsetsCoverTerms: true,
            ("提", 0, 1), ("提高", 0, 2), ("高", 1, 2), ("3.5", 2, 5));
    }

    private List<(string, int)> Tokens(string text) => TokenAssert.TermsAndIncrements(_analyzer, text);
}
