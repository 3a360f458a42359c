namespace SearchService.Search;

public sealed class ReportIndexSearcherTests
{
    [Fact]
    public void TermsSearchedBeforeReportsChangeFindExactlyTheReportsThereAfterward()
    {
        using var index = new TestIndex().Add("a", "开展禁毒宣传").Add("c", "禁毒工作").Refresh();
        Assert.Equal(["a", "c"], index.Ids("禁毒").Order()); // a bigram term
        Assert.Equal(["a"], index.Ids("禁毒宣传")); // a trigram phrase

        index.Add("b", "禁毒宣传进校园").Refresh();
        index.Index.Delete("a");
        index.Refresh();

        Assert.Equal(["b", "c"], index.Ids("禁毒").Order());
        Assert.Equal(["b"], index.Ids("禁毒宣传"));
    }
}
