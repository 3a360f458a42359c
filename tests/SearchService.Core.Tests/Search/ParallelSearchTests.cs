using CsCheck;
using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Extraction;
using SearchService.Indexing;

namespace SearchService.Search;

public sealed class ParallelSearchTests
{
    private static readonly string[] Words =
        ["法治", "政府", "建设", "法律顾问", "行政复议", "普法", "依法行政", "积分制", "矛盾纠纷", "人民调解", "一村一法律顾问"];

    private static readonly Region[] Regions =
    [
        new("重庆市", "50", County: "江津区", Township: "夏坝镇"),
        new("四川省", "51", City: "南充市", County: "南部县", Township: "太霞乡"),
        Region.Unknown,
    ];

    private static readonly string[] Levels = [ReportLevels.Township, ReportLevels.County, ReportLevels.Department];

    // Terms, OR, NOT, a phrase, a conjunction of alternatives, a sentence no report holds whole (read as most of
    // its words), and every report.
    private static readonly string[] Queries =
        ["法治", "政府 建设", "法律顾问 OR 积分制", "普法 -积分制", "\"依法行政\"", "(矛盾纠纷 OR 人民调解) AND 法治", "法治政府建设依法行政法律顾问普法积分制矛盾纠纷", ""];

    private static readonly SearchRequest[] Requests =
    [
        new(),
        new() { Sort = SearchSort.Date, Limit = 7 },
        new() { Offset = 4, Limit = 5 },
        new() { Filters = new Dictionary<string, IReadOnlyCollection<string>> { [ReportFields.Province] = ["重庆市"] } },
        new() { YearFrom = 2021, Filters = new Dictionary<string, IReadOnlyCollection<string>> { [ReportFields.Level] = [ReportLevels.Township] } },
        new() { Sections = [SectionKinds.Problems] },
    ];

    private static readonly Gen<Report> Reports = Gen.Select(
        Gen.Int[0, Words.Length - 1].Array[2, 30],
        Gen.Int[0, Words.Length - 1].Array[0, 3],
        Gen.Int[0, Regions.Length - 1],
        Gen.Int[0, Levels.Length - 1],
        Gen.Int[2019, 2023],
        (body, title, region, level, year) => new Report(
            string.Join("，", body.Select(w => Words[w])) + "。", string.Concat(title.Select(w => Words[w])) + "年度报告", region, level, year));

    [Fact]
    public void SearchesInPartsFindWhatTheWholeIndexSearchedAsOneFinds()
    {
        Gen.Select(Reports.Array[3, 60], Gen.Int[1, 4]).Sample((reports, segments) =>
        {
            using var whole = new TestIndex();
            using var parts = new TestIndex(new ReportIndexOptions { SearchThreads = 3, MinReportsPerSearchPart = 1 });
            foreach (var index in new[] { whole, parts })
            {
                for (var i = 0; i < reports.Length; i++)
                {
                    reports[i].AddTo(index, $"r{i:00}");
                    if ((i + 1) % ((reports.Length / segments) + 1) == 0)
                    {
                        index.Refresh();
                    }
                }

                index.Refresh();
            }

            Assert.Equal(3, parts.Index.Read(s => s.Parts));
            foreach (var query in Queries)
            {
                foreach (var request in Requests)
                {
                    var expected = whole.Search(query, request);
                    var actual = parts.Search(query, request);
                    Assert.Equal(Describe(expected), Describe(actual));
                    if (expected.NextCursor is not null)
                    {
                        Assert.Equal(Describe(NextPage(whole, query, request, expected)), Describe(NextPage(parts, query, request, actual)));
                    }
                }
            }
        }, iter: 15);
    }

    [Fact]
    public void ASearchWithoutAnIdleCoreForEachPartSearchesTheIndexWhole()
    {
        using var index = new TestIndex(new ReportIndexOptions { SearchThreads = 2, MinReportsPerSearchPart = 1 });
        for (var i = 0; i < 4; i++)
        {
            index.Add($"r{i}", "法治政府建设。");
        }

        index.Refresh();
        index.Index.Read(searcher =>
        {
            Assert.Equal(2, searcher.Parts);
            Assert.Equal(2, searcher.PartsNow); // this search alone: a core for each part
            using (searcher.Parallel.Begin())
            {
                Assert.Equal(1, searcher.PartsNow); // another search under way holds a core
            }

            Assert.Equal(2, searcher.PartsNow);
            return 0;
        });
    }

    [Fact]
    public void PartsAreConsecutiveRangesOfAboutEqualSizeCuttingSegments()
    {
        using var index = new TestIndex();
        foreach (var size in new[] { 5, 9, 2 })
        {
            for (var i = 0; i < size; i++)
            {
                index.Add($"{size}-{i}", "法治政府建设。");
            }

            index.Refresh();
        }

        var (parts, maxDoc) = index.Index.Read(s => (new ParallelSearch(processors: 3, minDocsPerPart: 1).Split(s.IndexReader), s.IndexReader.MaxDoc));

        Assert.Equal([6, 6, 4], parts.Select(p => p.Sum(r => r.To - r.From)));
        var covered = parts.SelectMany(p => p).SelectMany(r => Enumerable.Range(r.Leaf.DocBase + r.From, r.To - r.From));
        Assert.Equal(Enumerable.Range(0, maxDoc), covered);
    }

    [Theory]
    [InlineData(60, 4, 1)] // not two parts' worth of reports: searched whole
    [InlineData(50, 4, 2)]
    [InlineData(10, 4, 4)] // no more parts than cores
    [InlineData(10, 1, 1)]
    public void AnIndexIsSplitOnlyIntoPartsOfTheLeastSizeAndNoMoreThanTheCores(int minDocsPerPart, int processors, int expected)
    {
        using var index = Numbered(100);

        var parts = index.Index.Read(s => new ParallelSearch(processors, minDocsPerPart).Split(s.IndexReader));

        Assert.Equal(expected, parts.Length);
    }

    [Fact]
    public void PartsRunAtOnceWhileCoresAreIdle() => OnTwoCores(index => index.Read(searcher =>
    {
        var recorders = new[] { new ThreadRecorder(), new ThreadRecorder() };
        using var first = new ManualResetEventSlim();
        using var second = new ManualResetEventSlim();
        var metOther = new bool[2];

        // Each part, on its first report, waits for the other to start: run in turn, the first would wait in vain.
        recorders[0].OnFirst = () => { first.Set(); metOther[0] = second.Wait(TimeSpan.FromSeconds(10)); };
        recorders[1].OnFirst = () => { second.Set(); metOther[1] = first.Wait(TimeSpan.FromSeconds(10)); };
        searcher.Search(new MatchAllDocsQuery(), recorders);

        Assert.Equal([true, true], metOther);
        Assert.Equal(10, recorders.Sum(r => r.Count));
        return 0;
    }));

    [Fact]
    public void PartsRunOneAfterAnotherOnTheSearchThreadWhileAnotherSearchHoldsACore() => OnTwoCores(index =>
        // Two reads of the index under way, two parts each: four cores wanted of two.
        index.Read(_ => index.Read(searcher =>
        {
            var recorders = new[] { new ThreadRecorder(), new ThreadRecorder() };
            using var secondStarted = new ManualResetEventSlim();

            // The first part gives the second a moment to start elsewhere, as it would if it were handed to another core.
            recorders[0].OnFirst = () => secondStarted.Wait(TimeSpan.FromSeconds(1));
            recorders[1].OnFirst = secondStarted.Set;
            searcher.Search(new MatchAllDocsQuery(), recorders);

            Assert.Equal([Environment.CurrentManagedThreadId], recorders.SelectMany(r => r.Threads).Distinct());
            Assert.Equal(10, recorders.Sum(r => r.Count));
            return 0;
        })));

    [Fact]
    public void APartThatFailsFailsTheSearchAfterEveryPartHasStopped() => OnTwoCores(index => index.Read(searcher =>
    {
        var recorders = new[] { new ThreadRecorder(), new ThreadRecorder() };
        using var started = new ManualResetEventSlim();
        using var failed = new ManualResetEventSlim();

        // The first part fails while the other is collecting: that collector is the caller's until it stops.
        recorders[0].OnFirst = () =>
        {
            started.Wait(TimeSpan.FromSeconds(10));
            failed.Set();
            throw new InvalidOperationException("disk gone");
        };
        recorders[1].OnFirst = () =>
        {
            started.Set();
            failed.Wait(TimeSpan.FromSeconds(10));
            Thread.Sleep(200);
        };

        var error = Assert.Throws<InvalidOperationException>(() => searcher.Search(new MatchAllDocsQuery(), recorders));

        Assert.Equal("disk gone", error.Message);
        Assert.Equal(5, recorders[1].Count);
        return 0;
    }));

    /// <summary>Runs <paramref name="test"/> on ten reports in an index whose searches split into two parts for two cores.</summary>
    private static void OnTwoCores(Action<ReportIndex> test)
    {
        using var index = Numbered(10, new ReportIndexOptions { SearchThreads = 2, MinReportsPerSearchPart = 1 });
        Assert.Equal(2, index.Index.Read(s => s.Parts));
        test(index.Index);
    }

    private static TestIndex Numbered(int count, ReportIndexOptions? options = null)
    {
        var index = new TestIndex(options);
        for (var i = 0; i < count; i++)
        {
            index.Add($"r{i}", "法治政府建设。");
        }

        return index.Refresh();
    }

    private static SearchResult NextPage(TestIndex index, string query, SearchRequest request, SearchResult page)
    {
        Assert.True(PageCursor.TryDecode(page.NextCursor!, out var cursor));
        return index.Search(query, request with { Offset = 0, After = cursor });
    }

    private static string Describe(SearchResult result) => string.Join(
        "\n",
        [
            $"{result.Total} relaxed={result.Relaxed}",
            string.Join(" ", result.Hits.Select(h => $"{h.Report.Id}:{h.Score:R}:{string.Join("|", h.Snippets)}")),
            .. result.Facets.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}: {FacetCounterTests.Table(f.Value)} +{f.Value.Other}"),
        ]);

    private sealed record Report(string Text, string Title, int Region, int Level, int Year)
    {
        public void AddTo(TestIndex index, string id)
        {
            // Two sections: what was done, then the problems, split at the middle sentence break.
            var middle = Text.IndexOf('，', Text.Length / 2) is var comma and >= 0 ? comma : Text.Length;
            ReportSection[] sections =
            [
                new("一、主要举措", SectionKinds.Achievements, 0, middle),
                new("二、存在的问题", SectionKinds.Problems, middle, Text.Length),
            ];
            index.Add(id, Text, Title, Regions[Region], Levels[Level], Year, sections);
        }
    }

    /// <summary>Counts the documents a part collects and the threads it collects them on.</summary>
    private sealed class ThreadRecorder : ICollector
    {
        public Action? OnFirst { get; set; }

        public HashSet<int> Threads { get; } = [];

        public int Count { get; private set; }

        public bool AcceptsDocsOutOfOrder => false;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context)
        {
        }

        public void Collect(int doc)
        {
            Threads.Add(Environment.CurrentManagedThreadId);
            if (Count++ == 0 && OnFirst is { } first)
            {
                OnFirst = null;
                first();
            }
        }
    }
}
