namespace SearchService.Analysis;

public sealed class BigramAnalyzerTests
{
    [Fact]
    public void IndexChainKeepsEveryCharacterAndEveryAdjacentPair()
    {
        TokenAssert.Produces(BigramAnalyzer.ForIndex(), "一法律顾问", offsetsCoverTerms: true,
            ("一", 0, 1), ("一法", 0, 2), ("法", 1, 2), ("法律", 1, 3), ("律", 2, 3), ("律顾", 2, 4), ("顾", 3, 4), ("顾问", 3, 5), ("问", 4, 5));
    }

    [Fact]
    public void LegalCounselQueryBigramsAreFoundInsideOneVillageOneCounsel()
    {
        var query = TokenAssert.Terms(BigramAnalyzer.ForQuery(), "法律顾问");
        var indexed = TokenAssert.Terms(BigramAnalyzer.ForIndex(), "实现一村(社区)一法律顾问全覆盖");

        Assert.Equal(["法律", "律顾", "顾问"], query);
        Assert.Subset(indexed.ToHashSet(), query.ToHashSet());
    }

    [Fact]
    public void NoPairIsFormedAcrossPunctuation()
    {
        var indexed = TokenAssert.Terms(BigramAnalyzer.ForIndex(), "开展“八五”普法");

        Assert.DoesNotContain("展八", indexed);
        Assert.DoesNotContain("五普", indexed);
        Assert.Contains("八五", indexed);
    }
}
