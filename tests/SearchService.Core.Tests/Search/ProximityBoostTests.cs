using Lucene.Net.Search;

namespace SearchService.Search;

public sealed class ProximityBoostTests : IDisposable
{
    private const string Query = "法律顾问 合法性审查";
    private readonly TestIndex _index = new();

    public ProximityBoostTests()
    {
        // The two terms at every distance from adjacent to far apart, with more or less text around them, so base
        // scores and closeness pull the ranking in different directions.
        string[] filler = ["推进依法行政。", "完善制度建设，", "开展法治宣传教育活动。", "镇村两级"];
        for (var i = 0; i < 60; i++)
        {
            var between = string.Concat(Enumerable.Repeat(filler[i % filler.Length], i % 7));
            var around = string.Concat(Enumerable.Repeat(filler[(i + 1) % filler.Length], i % 5));
            var text = i % 3 == 0
                ? $"{around}聘请法律顾问{between}开展合法性审查。{around}"
                : $"{around}合法性审查{between}{around}由法律顾问参与。法律顾问{between}";
            _index.Add($"r{i:00}", text);
        }

        _index.Refresh();
    }

    public void Dispose() => _index.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(20)]
    public void TopHitsAndScoresAreThoseOfTheQueryWithItsProximityClauseOnEveryHit(int size)
    {
        var hits = _index.Search(Query, new SearchRequest { Limit = size }).Hits.Select(h => (h.Report.Id, h.Score)).ToList();

        Assert.Equal(FullyScored(size), hits, ScoresAlike);
    }

    [Fact]
    public void NextPageContinuesTheFullyScoredOrder()
    {
        var first = _index.Search(Query, new SearchRequest { Limit = 7 });
        Assert.True(PageCursor.TryDecode(first.NextCursor!, out var next));
        var second = _index.Search(Query, new SearchRequest { Limit = 7, After = next });

        var pages = first.Hits.Concat(second.Hits).Select(h => (h.Report.Id, h.Score)).ToList();
        Assert.Equal(FullyScored(14), pages, ScoresAlike);
    }

    private List<(string Id, float Score)> FullyScored(int size)
    {
        Assert.True(_index.Searcher.TryReadQuery(Query, out var parsed, out _));
        Assert.NotNull(parsed.Near);
        return _index.Index.Read(searcher => searcher.Search(parsed.Scored, size).ScoreDocs
            .Select(d => (searcher.Doc(d.Doc).Get("id"), d.Score))
            .ToList());
    }

    private static readonly IEqualityComparer<(string Id, float Score)> ScoresAlike = EqualityComparer<(string Id, float Score)>.Create(
        (a, b) => a.Id == b.Id && Math.Abs(a.Score - b.Score) <= 1e-5f * Math.Max(1, Math.Abs(a.Score)),
        h => h.Id.GetHashCode(StringComparison.Ordinal));
}
