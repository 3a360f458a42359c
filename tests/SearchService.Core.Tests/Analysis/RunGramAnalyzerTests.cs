namespace SearchService.Analysis;

public sealed class RunGramAnalyzerTests
{
    private readonly RunGramAnalyzer _analyzer = new(3);
    private readonly RunGramAnalyzer _fourGrams = new(4);

    [Fact]
    public void EveryThreeCharactersOfARunAtTheirFirstCharactersPosition()
    {
        TokenAssert.Produces(_analyzer, "行政复议法", offsetsCoverTerms: true, ("行政复", 0, 3), ("政复议", 1, 4), ("复议法", 2, 5));
        Assert.Equal([("行政复", 1), ("政复议", 1), ("复议法", 1)], Tokens("行政复议法"));
    }

    [Fact]
    public void QuotationMarksDoNotBreakARun()
    {
        TokenAssert.Produces(_analyzer, "“八五”普法", offsetsCoverTerms: false, ("八五普", 1, 5), ("五普法", 2, 6));
    }

    [Fact]
    public void PunctuationAndLatinBreakARunAndLeaveOnePositionFree()
    {
        // 法治政府 holds positions 0-3; 建设法治 starts at 5, so no tiling joins 政府 and 建设 across the comma.
        Assert.Equal([("法治政", 1), ("治政府", 1), ("建设法", 4), ("设法治", 1)], Tokens("法治政府，建设法治"));
        Assert.Equal([("法治政", 1), ("治政府", 1), ("建设法", 4)], Tokens("法治政府A建设法"));
    }

    [Fact]
    public void RunsShorterThanThreeCharactersGiveNoTrigram()
    {
        Assert.Empty(Tokens("法治，行政。镇"));
    }

    [Fact]
    public void FoldsTraditionalFormsAndKeepsCharactersBeyondTheBmpWhole()
    {
        TokenAssert.Produces(_analyzer, "𠀋行政復議", offsetsCoverTerms: true, ("𠀋行政", 0, 4), ("行政复", 2, 5), ("政复议", 3, 6));
    }

    [Fact]
    public void FourGramsAreEveryFourCharactersOfARunAndShorterRunsGiveNone()
    {
        TokenAssert.Produces(_fourGrams, "行政复议法", offsetsCoverTerms: true, ("行政复议", 0, 4), ("政复议法", 1, 5));
        Assert.Equal([("法治政府", 1), ("建设法治", 5)], TokenAssert.TermsAndIncrements(_fourGrams, "法治政府，建设法治。镇街"));
    }

    [Fact]
    public void FourGramsFoldAndKeepCharactersBeyondTheBmpWhole()
    {
        TokenAssert.Produces(_fourGrams, "“𠀋行”政復議", offsetsCoverTerms: false, ("𠀋行政复", 1, 7), ("行政复议", 3, 8));
    }

    private List<(string, int)> Tokens(string text) => TokenAssert.TermsAndIncrements(_analyzer, text);
}
