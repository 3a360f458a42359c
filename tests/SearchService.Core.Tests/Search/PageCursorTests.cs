using CsCheck;

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
        Assert.True(PageCursor.TryDecode(first.NextCursor!, out var next));
        var second = index.Search("法治", new SearchRequest { Limit = 10, Sort = sort, After = next });

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
        var expired = new PageCursor(cursor.Version + 1000, new Lucene.Net.Search.FieldDoc(int.MaxValue, cursor.After.Score, fields));
        var second = index.Search("法治", new SearchRequest { Limit = 10, After = expired });

        Assert.Equal(["c3", "d4", "e5", "f6"], second.Hits.Select(h => h.Report.Id));
    }

    [Fact]
    public void EqualScoresComeInIdOrderPageByPageAcrossSegmentsAndReplacedReports()
    {
        // Ids drawn from a small range repeat: a report added again replaces the one before it, which stays in its
        // segment's ids (deleted) until merged away.
        Gen.Select(Gen.Int[0, 40].Array[1, 25], Gen.Int[1, 4]).Sample((draws, segments) =>
        {
            using var index = new TestIndex();
            var ids = draws.Select(d => $"r{d}").ToArray();
            for (var i = 0; i < ids.Length; i++)
            {
                index.Add(ids[i], "法治政府建设。", title: "年度报告");
                if ((i + 1) % ((ids.Length / segments) + 1) == 0)
                {
                    index.Refresh();
                }
            }

            index.Refresh();
            var seen = new List<string>();
            var request = new SearchRequest { Limit = 3 };
            while (true)
            {
                var page = index.Search("法治", request);
                seen.AddRange(page.Hits.Select(h => h.Report.Id));
                if (page.NextCursor is null || !PageCursor.TryDecode(page.NextCursor, out var next))
                {
                    break;
                }

                request = new SearchRequest { Limit = 3, After = next };
            }

            Assert.Equal(ids.Distinct().Order(StringComparer.Ordinal), seen);
        }, iter: 30);
    }

    [Fact]
    public void CursorsOfSearchesRunningAtOnceEachCarryTheirOwnLastId()
    {
        using var index = new TestIndex();
        // Long ids over many reports: the id values span many read buffers, as in a real index.
        for (var i = 0; i < 2000; i++)
        {
            index.Add($"重庆市/江津区/夏坝镇/{i:0000}_{i * 7919 % 10007:00000}", "法治政府建设。" + new string('治', i % 7), title: "年度报告");
            if (i == 1000)
            {
                index.Refresh(); // two segments
            }
        }

        index.Refresh();
        Parallel.For(0, 3000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var result = index.Search(i % 2 == 0 ? "法治" : "建设", new SearchRequest { Limit = 1 + (i % 40) });

            Assert.True(PageCursor.TryDecode(result.NextCursor!, out var cursor));
            Assert.Equal(result.Hits[^1].Report.Id, ((Lucene.Net.Util.BytesRef)cursor.After.Fields[^1]).Utf8ToString());
        });
    }

    [Fact]
    public void CursorThatWasNotIssuedIsRefused()
    {
        Assert.False(PageCursor.TryDecode("bm90LWEtY3Vyc29y", out _));
        Assert.False(PageCursor.TryDecode("%%%", out _));
    }

    [Theory]
    [InlineData("v1\u001fi000_2f278ac9b8784165")] // an id without the score before it
    [InlineData("v1\u001fs1.5\u001fs1.5\u001fi000_2f278ac9b8784165")] // two scores
    [InlineData("v1\u001fd20230315\u001fi000_2f278ac9b8784165")] // a date without the score
    [InlineData("v1\u001fi000_2f278ac9b8784165\u001fs1.5")] // the id first
    public void CursorWithValuesNoSortIssuesIsRefused(string parts)
    {
        var text = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(parts));

        Assert.False(PageCursor.TryDecode(text, out _));
    }

    [Theory]
    [InlineData(SearchSort.Relevance)]
    [InlineData(SearchSort.Date)]
    public void CursorKnowsTheSortThatIssuedIt(SearchSort sort)
    {
        using var index = new TestIndex();
        index.Add("r1", "法治。").Add("r2", "法治法治。").Refresh();

        var first = index.Search("法治", new SearchRequest { Limit = 1, Sort = sort });

        Assert.True(PageCursor.TryDecode(first.NextCursor!, out var cursor));
        Assert.Equal(sort, cursor.Sort);
    }
}
