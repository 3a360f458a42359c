using CsCheck;
using SearchService.Extraction;

namespace SearchService.Search;

public sealed class FacetCounterTests : IDisposable
{
    private static readonly Region Xiaba = new("重庆市", "50", County: "江津区", Township: "夏坝镇");
    private static readonly Region Shuanglong = new("重庆市", "50", County: "丰都县", Township: "双龙镇");
    private static readonly Region Kaizhou = new("重庆市", "50", County: "开州区");
    private static readonly Region Taixia = new("四川省", "51", City: "南充市", County: "南部县", Township: "太霞乡");
    private static readonly Region Xilian = new("广东省", "44", City: "韶关市", County: "武江区", Township: "西联镇");

    private readonly TestIndex _index = new TestIndex()
        .Add("000", "法律顾问", region: Xiaba, level: "township", year: 2022)
        .Add("001", "法律顾问 禁毒", region: Xilian, level: "township", year: 2024)
        .Add("002", "法律顾问", region: Shuanglong, level: "township", year: 2020)
        .Add("003", "法律顾问", region: Taixia, level: "township", year: 2022)
        .Add("004", "法律顾问 禁毒", region: Kaizhou, level: "county", year: 2022)
        .Refresh();

    public void Dispose() => _index.Dispose();

    [Fact]
    public void ProvinceCountsOverAllReportsMatchTheirRegions()
    {
        var facets = _index.Search(null).Facets;

        Assert.Equal("重庆市 3, 四川省 1, 广东省 1", Table(facets["province"]));
        Assert.Equal("township 4, county 1", Table(facets["level"]));
        Assert.Equal("2022 3, 2020 1, 2024 1", Table(facets["year"]));
        Assert.Equal("南充市 1, 韶关市 1", Table(facets["city"]));
    }

    [Fact]
    public void CountsOfOneSearchNeverCarryIntoTheNext()
    {
        // Count arrays are pooled: the second search on this thread gets the first one's arrays back.
        var everything = _index.Search(null).Facets;
        var drugs = _index.Search("禁毒").Facets;
        var nothing = _index.Search("行政复议").Facets;

        Assert.Equal("重庆市 3, 四川省 1, 广东省 1", Table(everything["province"]));
        Assert.Equal("广东省 1, 重庆市 1", Table(drugs["province"]));
        Assert.Equal("2022 1, 2024 1", Table(drugs["year"]));
        Assert.All(nothing.Values, facet => Assert.Empty(facet.Values));
    }

    [Fact]
    public void CountsAreNotReadAfterTheCounterIsDisposed()
    {
        _index.Index.Read(searcher =>
        {
            var counter = ReportSearcher.Collect(searcher, new SearchRequest(), ParsedQuery.MatchAll, new DocIdCollector());
            Assert.Equal(5, counter.CountsOf("province").ToArray().Sum());
            counter.Dispose();
            Assert.Throws<ObjectDisposedException>(() => counter.CountsOf("province").Length);
            return 0;
        });
    }

    [Fact]
    public void ProvinceFilterKeepsOtherProvinceCountsVisible()
    {
        var result = _index.Search(null, new SearchRequest { Filters = Filter("province", "四川省") });

        Assert.Equal(["003"], result.Hits.Select(h => h.Report.Id));
        Assert.Equal("重庆市 3, 四川省 1, 广东省 1", Table(result.Facets["province"]));
        Assert.Equal("township 1", Table(result.Facets["level"]));
        Assert.Equal("南部县 1", Table(result.Facets["county"]));
    }

    [Fact]
    public void EachDimensionIgnoresOnlyItsOwnFilter()
    {
        var request = new SearchRequest
        {
            Filters = new Dictionary<string, IReadOnlyCollection<string>> { ["province"] = ["重庆市"], ["level"] = ["township"] },
        };

        var result = _index.Search("法律顾问", request);

        Assert.Equal(2, result.Total);
        Assert.Equal("重庆市 2, 四川省 1, 广东省 1", Table(result.Facets["province"]));
        Assert.Equal("township 2, county 1", Table(result.Facets["level"]));
        Assert.Equal("2020 1, 2022 1", Table(result.Facets["year"]));
    }

    [Fact]
    public void YearRangeFiltersAndCountsAsTheYearDimension()
    {
        var result = _index.Search("禁毒", new SearchRequest { YearFrom = 2023 });

        Assert.Equal(["001"], result.Hits.Select(h => h.Report.Id));
        Assert.Equal("2022 1, 2024 1", Table(result.Facets["year"]));
    }

    [Fact]
    public void UnknownFilterValueMatchesNothingAndLeavesItsDimensionCounted()
    {
        var result = _index.Search(null, new SearchRequest { Filters = Filter("province", "火星省") });

        Assert.Equal(0, result.Total);
        Assert.Equal("重庆市 3, 四川省 1, 广东省 1", Table(result.Facets["province"]));
        Assert.Equal("", Table(result.Facets["level"]));
    }

    [Fact]
    public void FacetSizeKeepsTheLargestValuesAndCountsTheRest()
    {
        var result = _index.Search(null, new SearchRequest { FacetSize = 1 });

        Assert.Equal("重庆市 3", Table(result.Facets["province"]));
        Assert.Equal(2, result.Facets["province"].Other);
    }

    [Theory]
    [InlineData(8, 4)] // few values: the tied ones are gathered and sorted
    [InlineData(600, 2)] // hundreds tied at one: the first of them are met walking the values in order
    [InlineData(3000, 60)] // thousands spread over many counts: those above the lowest kept count are sought many at a time
    public void TopValuesAreTheHighestCountsWithTiesInValueOrderForAnySize(int valueCount, int countsBelow)
    {
        // Values numbered in any order, readers' copies taken in between (so later values are merged into the
        // ranks); counts from a small range make many ties.
        var names = new[] { "一村一法律顾问", "公平竞争审查", "法律", "禁毒", "积分制", "网格化", "行政复议", "规范性文件" };
        var values = Enumerable.Range(0, valueCount).Select(i => names[i % names.Length] + (i < names.Length ? "" : i.ToString())).ToArray();
        Gen.Select(Gen.Shuffle(values), Gen.Bool.Array[valueCount], Gen.Int[0, countsBelow - 1].Array[valueCount], Gen.Int[0, 12])
            .Sample((order, copyAfter, counts, size) =>
            {
                var numbers = new FacetSegments.ValueNumbers();
                for (var i = 0; i < order.Length; i++)
                {
                    numbers.NumberOf(order[i]);
                    if (copyAfter[i])
                    {
                        numbers.Snapshot();
                    }
                }

                var dimension = new FacetState.Dimension(numbers, []);
                var expected = Enumerable.Range(0, order.Length)
                    .Where(ord => counts[ord] > 0)
                    .OrderByDescending(ord => counts[ord]).ThenBy(ord => order[ord], StringComparer.Ordinal)
                    .Select(ord => $"{order[ord]} {counts[ord]}")
                    .ToList();

                var top = ReportSearcher.Top(dimension, counts, size);

                Assert.Equal(order, dimension.Values);
                Assert.Equal(order.Order(StringComparer.Ordinal), dimension.Sorted.Select(ord => dimension.Values[ord]));
                Assert.Equal(expected.Take(size), top.Values.Select(v => $"{v.Value} {v.Count}"));
                Assert.Equal(Math.Max(0, expected.Count - size), top.Other);
            }, iter: 200);
    }

    [Fact]
    public void CountsFollowTheReaderAfterReportsChange()
    {
        _index.Add("005", "法律顾问", region: Taixia, level: "township", year: 2023).Refresh();
        _index.Index.Delete("004");
        _index.Refresh();

        var facets = _index.Search(null).Facets;

        Assert.Equal("四川省 2, 重庆市 2, 广东省 1", Table(facets["province"]));
    }

    [Theory]
    [InlineData("法律顾问")] // most reports: counted as the whole index less the rest
    [InlineData("禁毒")] // a few reports: counted one by one
    [InlineData(null)] // every report
    public void CountsEqualTheHitsOwnValuesAcrossSegmentsAndDeletions(string? query)
    {
        using var index = new TestIndex();
        for (var i = 0; i < 30; i++)
        {
            var text = i % 7 == 3 ? "禁毒宣传进校园" : i % 5 == 0 ? "禁毒 法律顾问" : "法律顾问全覆盖";
            index.Add($"r{i:00}", text, region: Regions[i % Regions.Length], level: i % 3 == 0 ? "county" : "township", year: 2018 + i % 6);
            if (i % 10 == 9)
            {
                index.Refresh(); // a segment per ten reports
            }
        }

        index.Index.Delete("r04");
        index.Index.Delete("r15");
        index.Index.Delete("r24");
        index.Refresh();

        var result = index.Search(query, new SearchRequest { Limit = 100, FacetSize = int.MaxValue });
        var (county, level) = (Regions[0].County!, "township");
        var filtered = index.Search(query, new SearchRequest { Limit = 100, FacetSize = int.MaxValue, Filters = new Dictionary<string, IReadOnlyCollection<string>> { ["county"] = [county], ["level"] = [level] } });
        var countyAlone = index.Search(query, new SearchRequest { Limit = 100, FacetSize = int.MaxValue, Filters = Filter("county", county) });
        var levelAlone = index.Search(query, new SearchRequest { Limit = 100, FacetSize = int.MaxValue, Filters = Filter("level", level) });

        Assert.Equal(result.Total, result.Hits.Count);
        Assert.NotEmpty(filtered.Hits);
        // Filtered, a dimension counts the hits of every other filter; the rest count the hits of all of them.
        Assert.Equal(Expected(levelAlone.Hits, r => r.County), Table(filtered.Facets["county"]));
        Assert.Equal(Expected(countyAlone.Hits, r => r.Level), Table(filtered.Facets["level"]));
        Assert.Equal(Expected(filtered.Hits, r => r.Year?.ToString()), Table(filtered.Facets["year"]));
        Assert.Equal(Expected(filtered.Hits, r => r.Township), Table(filtered.Facets["township"]));
        Assert.Equal(Expected(result.Hits, r => r.Province), Table(result.Facets["province"]));
        Assert.Equal(Expected(result.Hits, r => r.County), Table(result.Facets["county"]));
        Assert.Equal(Expected(result.Hits, r => r.Township), Table(result.Facets["township"]));
        Assert.Equal(Expected(result.Hits, r => r.Level), Table(result.Facets["level"]));
        Assert.Equal(Expected(result.Hits, r => r.Year?.ToString()), Table(result.Facets["year"]));
        // Region is multi-valued (every code of the report's region); unselected, its facet shows the province codes.
        Assert.Equal(
            Expected(result.Hits, r => r.ProvinceCode).Split(", ").Order(StringComparer.Ordinal),
            result.Facets["region"].Values.Select(v => $"{v.Value} {v.Count}").Order(StringComparer.Ordinal));

        static string Expected(IEnumerable<SearchHit> hits, Func<ReportMetadata, string?> value) => string.Join(", ", hits
            .Select(h => value(h.Report))
            .OfType<string>()
            .GroupBy(v => v)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()}"));
    }

    [Fact]
    public void CountsByBitSetOrByCopiedValuesEqualCountsHitByHitForAnyHits()
    {
        // Half the values drawn are among 40, ordinal k held by about one report in k³ (a few common values kept as
        // bit sets), and half among 1,960 rare ones, listed; hits from one report to all of them, so both ways of
        // counting are taken. Listed values are copied a vector of 8 at a time: reports hold up to 24 (some more
        // than a vector), the last ones end the array, and 1,500 reports fill the copies' buffer of 4,096 values.
        var values = 2000;
        var ordinal = Gen.Double[0, 1].Select(Gen.Int[40, values - 1], (u, rare) => u < 0.5 ? (int)(80 * u * u * u) : rare);
        var segment = Gen.Select(Gen.Int[1, 1500], Gen.Bool, Gen.Double[0, 1]).SelectMany((maxDoc, single, share) =>
            Gen.Select(
                (single ? ordinal.Array[0, 1] : ordinal.Array[0, 24]).Array[maxDoc],
                Gen.Double[0, 1].Array[maxDoc],
                (docs, draws) => (Docs: docs, Hits: Enumerable.Range(0, maxDoc).Where(d => draws[d] < share * share).ToArray(), Single: single)));
        segment.Sample(s =>
        {
            var perDoc = s.Docs.Select(ords => ords.Distinct().Order().ToArray()).ToArray();
            var starts = s.Single ? null : new int[perDoc.Length + 1];
            for (var doc = 0; starts is not null && doc < perDoc.Length; doc++)
            {
                starts[doc + 1] = starts[doc] + perDoc[doc].Length;
            }

            var ordinals = s.Single ? perDoc.Select(o => o.Length == 0 ? -1 : o[0]).ToArray() : perDoc.SelectMany(o => o).ToArray();
            var segmentOrdinals = new FacetState.SegmentOrdinals(perDoc.Length, starts, ordinals, values);
            foreach (var step in new[] { 1, -1 })
            {
                var expected = new int[values];
                foreach (var doc in s.Hits)
                {
                    foreach (var ord in perDoc[doc])
                    {
                        expected[ord] += step;
                    }
                }

                var counts = new int[values];
                var hits = new FacetState.SegmentHits(s.Hits);
                segmentOrdinals.CountInto(counts, ref hits, step);
                hits.Dispose();
                Assert.Equal(expected, counts);
            }

            Assert.All(Enumerable.Range(0, perDoc.Length), doc => Assert.Equal(perDoc[doc], segmentOrdinals.Of(doc).ToArray()));
        });
    }

    [Fact]
    public void ReportsLeftOutOfAnyHitsInARangeAreTheRangesLiveReportsThatAreNotHits()
    {
        // One segment of 200 reports (four words of bits), some deleted; hits of any share, in runs and gaps, at
        // either end or none; any range.
        using var index = new TestIndex();
        for (var i = 0; i < 200; i++)
        {
            index.Add($"r{i:000}", "法律顾问");
        }

        index.Refresh();
        foreach (var id in new[] { "r000", "r007", "r008", "r063", "r064", "r127", "r199" })
        {
            index.Index.Delete(id);
        }

        index.Refresh();
        index.Index.Read(searcher =>
        {
            var segment = Assert.Single(searcher.IndexReader.Leaves).AtomicReader;
            Assert.Equal(193, segment.NumDocs);
            var ranges = Gen.Int[0, segment.MaxDoc].Select(Gen.Int[0, segment.MaxDoc], (a, b) => (From: Math.Min(a, b), To: Math.Max(a, b)));
            Gen.Double[0, 1].SelectMany(share => Gen.Double[0, 1].Array[segment.MaxDoc].Select(draws =>
                Enumerable.Range(0, segment.MaxDoc).Where(d => draws[d] < share).ToArray())).Select(ranges).Sample((hits, range) =>
            {
                var (from, to) = range;
                var inRange = hits.Where(d => d >= from && d < to).ToArray();
                var expected = Enumerable.Range(from, to - from).Where(d => segment.LiveDocs.Get(d) && !hits.Contains(d)).ToArray();
                Assert.Equal(expected, FacetState.LiveDocsExcept(segment, inRange, new int[to - from], from, to).ToArray());
            });
            return 0;
        });
    }

    // With every code, so each report holds several region values and the multi-valued counting is used.
    private static readonly Region[] Regions =
    [
        Xiaba with { CountyCode = "500116", TownshipCode = "500116108" },
        Shuanglong with { CountyCode = "500230", TownshipCode = "500230116" },
        Kaizhou with { CountyCode = "500154" },
        Taixia with { CityCode = "5113", CountyCode = "511321", TownshipCode = "511321117" },
        Xilian,
    ];

    private static Dictionary<string, IReadOnlyCollection<string>> Filter(string dimension, params string[] values) =>
        new() { [dimension] = values };

    internal static string Table(FacetResult facet) => string.Join(", ", facet.Values.Select(v => $"{v.Value} {v.Count}"));
}
