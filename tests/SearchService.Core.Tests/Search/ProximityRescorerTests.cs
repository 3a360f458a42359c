using Lucene.Net.Search;

namespace SearchService.Search;

public sealed class ProximityRescorerTests : IDisposable
{
    private const string Query = "法律顾问 合法性审查";
    private const int Reports = ProximityRescorer.Window + 40;
    private readonly TestIndex _index = new();

    public ProximityRescorerTests()
    {
        // The two terms at every distance from adjacent to far apart, with more or less text around them, so base
        // scores and closeness pull the ranking in different directions; more reports than the window holds.
        string[] filler = ["推进依法行政。", "完善制度建设，", "开展法治宣传教育活动。", "镇村两级"];
        for (var i = 0; i < Reports; i++)
        {
            var between = string.Concat(Enumerable.Repeat(filler[i % filler.Length], i % 7));
            var around = string.Concat(Enumerable.Repeat(filler[(i + 1) % filler.Length], i % 5));
            var text = i % 3 == 0
                ? $"{around}聘请法律顾问{between}开展合法性审查。{around}"
                : $"{around}合法性审查{between}{around}由法律顾问参与。法律顾问{between}";
            _index.Add($"r{i:000}", text);
            if (i == Reports / 2)
            {
                _index.Refresh(); // two segments
            }
        }

        _index.Refresh();
    }

    public void Dispose() => _index.Dispose();

    [Fact]
    public void BestHitsAreReorderedByClosenessAndTheRestKeepTheQuerysOwnOrder()
    {
        var own = Expected().Own;
        var hits = _index.Search(Query, new SearchRequest { Limit = Reports }).Hits.Select(h => (h.Report.Id, h.Score)).ToList();

        Assert.NotEqual(own.Take(ProximityRescorer.Window).Select(h => h.Id), hits.Take(ProximityRescorer.Window).Select(h => h.Id));
        Assert.Equal(hits.OrderByDescending(h => h.Score).ThenBy(h => h.Id, StringComparer.Ordinal), hits); // one order by score, then id
        Assert.Equal(own.Skip(ProximityRescorer.Window), hits.Skip(ProximityRescorer.Window), ScoresAlike);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 20)]
    [InlineData(35, 7)]
    [InlineData(95, 10)] // across the window's end
    [InlineData(120, 30)] // past it
    public void PageByOffsetIsTheWindowRescoredThenTheQuerysOwnOrder(int offset, int limit)
    {
        var hits = _index.Search(Query, new SearchRequest { Offset = offset, Limit = limit }).Hits.Select(h => (h.Report.Id, h.Score)).ToList();

        Assert.Equal(Expected().Rescored.Skip(offset).Take(limit), hits, ScoresAlike);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(33)]
    public void CursorPagesWalkTheSameOrderAsOffsets(int limit)
    {
        var seen = new List<(string Id, float Score)>();
        PageCursor? after = null;
        do
        {
            var page = _index.Search(Query, new SearchRequest { Limit = limit, After = after });
            seen.AddRange(page.Hits.Select(h => (h.Report.Id, h.Score)));
            after = page.NextCursor is { } next && PageCursor.TryDecode(next, out var cursor) ? cursor : null;
        }
        while (after is not null);

        Assert.Equal(Expected().Rescored, seen, ScoresAlike);
    }

    [Fact]
    public void ExplainedScoreIsTheHitsScoreInsideAndOutsideTheWindow()
    {
        var hits = _index.Search(Query, new SearchRequest { Limit = Reports, Explain = true }).Hits;

        Assert.All(hits, h => Assert.Equal(h.Score, h.Explanation!.Score.Value, 4));
        // Past the window some hits have terms close together that their score leaves out, and so must their explanation.
        var full = FullScores();
        Assert.Contains(hits.Skip(ProximityRescorer.Window), h => Math.Abs(full[h.Report.Id] - h.Score) > 1e-3);
    }

    /// <summary>
    /// Every hit in the order the service promises, worked out the slow way: the query's own order (score, then id),
    /// its first <see cref="ProximityRescorer.Window"/> hits scored by the query with its proximity clause and
    /// reordered; and that own order.
    /// </summary>
    private (List<(string Id, float Score)> Rescored, List<(string Id, float Score)> Own) Expected()
    {
        Assert.True(_index.Searcher.TryReadQuery(Query, out var parsed, out _));
        Assert.NotNull(parsed.Near);
        var full = FullScores();
        return _index.Index.Read(searcher =>
        {
            var own = Ranked(searcher, parsed.Query);
            var window = own.Take(ProximityRescorer.Window).Select(h => (h.Id, Score: full[h.Id])).OrderByDescending(h => h.Score).ThenBy(h => h.Id, StringComparer.Ordinal);
            return (window.Concat(own.Skip(ProximityRescorer.Window)).ToList(), own);
        });
    }

    /// <summary>Each hit's score by the query with its proximity clause.</summary>
    private Dictionary<string, float> FullScores()
    {
        Assert.True(_index.Searcher.TryReadQuery(Query, out var parsed, out _));
        return _index.Index.Read(searcher => Ranked(searcher, parsed.Scored).ToDictionary(h => h.Id, h => h.Score));
    }

    private static List<(string Id, float Score)> Ranked(IndexSearcher searcher, Lucene.Net.Search.Query query) => searcher.Search(query, Reports * 2).ScoreDocs
        .Select(d => (Id: searcher.Doc(d.Doc).Get("id"), d.Score))
        .OrderByDescending(h => h.Score)
        .ThenBy(h => h.Id, StringComparer.Ordinal)
        .ToList();

    private static readonly IEqualityComparer<(string Id, float Score)> ScoresAlike = EqualityComparer<(string Id, float Score)>.Create(
        (a, b) => a.Id == b.Id && Math.Abs(a.Score - b.Score) <= 1e-5f * Math.Max(1, Math.Abs(a.Score)),
        h => h.Id.GetHashCode(StringComparison.Ordinal));
}
