namespace SearchService.Search;

public sealed class PageCursorTests
{
    [Theory]
    [InlineData(SearchSort.Relevance)]
    [InlineData(SearchSort.Date)]
    public void NextPageNeitherRepeatsNorSkipsWhenReportsAreAddedBetweenPages(SearchSort sort)
    {
        using var index = new TestIndex();
        for (var i = 0; i < 6; i++)
        {
            index.Add($"r{i}", string.Concat(Enumerable.Repeat("法治", i + 1)) + "。");
        }

        index.Refresh();
        var first = index.Search("法治", new SearchRequest { Limit = 3, Sort = sort });

        index.Add("newcomer", string.Concat(Enumerable.Repeat("法治", 20)) + "。").Refresh();
        var second = index.Search("法治", new SearchRequest { Limit = 10, Sort = sort, After = first.NextCursor });

        var seen = first.Hits.Concat(second.Hits).Select(h => h.Report.Id).ToList();
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(6, seen.Count(id => id != "newcomer"));
    }

    [Fact]
    public void CursorThatWasNotIssuedIsRefused()
    {
        Assert.False(PageCursor.TryDecode("bm90LWEtY3Vyc29y", out _));
        Assert.False(PageCursor.TryDecode("%%%", out _));
    }
}
