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

    [Theory]
    [InlineData("b2")] // the last report seen
    [InlineData("b9")] // a report no longer in the index (deleted and merged away)
    public void CursorInANewerSearcherPlacesEqualScoresByTheLastId(string lastId)
    {
        using var index = new TestIndex();
        foreach (var segment in new[] { new[] { "b2", "e5", "c3" }, ["f6", "a1", "d4"] })
        {
            foreach (var id in segment)
            {
                index.Add(id, "法治政府建设。", title: "年度报告"); // equal scores: only the id orders them
            }

            index.Refresh(); // two segments, so ids are ranked across segments
        }

        var first = index.Search("法治", new SearchRequest { Limit = 2 });
        Assert.Equal(["a1", "b2"], first.Hits.Select(h => h.Report.Id));
        Assert.True(PageCursor.TryDecode(first.NextCursor!, out var cursor));

        // No searcher is kept for this version: the next page is placed by the cursor's score and id alone.
        var fields = cursor.After.Fields.ToArray();
        fields[^1] = new Lucene.Net.Util.BytesRef(lastId);
        var expired = PageCursor.Encode(cursor.Version + 1000, new Lucene.Net.Search.FieldDoc(int.MaxValue, cursor.After.Score, fields));
        var second = index.Search("法治", new SearchRequest { Limit = 10, After = expired });

        Assert.Equal(["c3", "d4", "e5", "f6"], second.Hits.Select(h => h.Report.Id));
    }

    [Fact]
    public void CursorThatWasNotIssuedIsRefused()
    {
        Assert.False(PageCursor.TryDecode("bm90LWEtY3Vyc29y", out _));
        Assert.False(PageCursor.TryDecode("%%%", out _));
    }
}
