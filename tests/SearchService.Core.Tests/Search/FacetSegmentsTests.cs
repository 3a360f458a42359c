using SearchService.Extraction;
using SearchService.Indexing;

namespace SearchService.Search;

public sealed class FacetSegmentsTests : IDisposable
{
    private static readonly Region Xiaba = new("重庆市", "50", County: "江津区", Township: "夏坝镇");
    private static readonly Region Taixia = new("四川省", "51", City: "南充市", County: "南部县", Township: "太霞乡");

    private readonly TestIndex _index = new();

    public void Dispose() => _index.Dispose();

    [Fact]
    public void AReopenReadsOnlyTheSegmentItAddedAndCountsItsNewValues()
    {
        _index.Add("000", "法律顾问", region: Xiaba, level: "township", year: 2022).Refresh();
        var before = _index.Index.Read(s => s.Facets[ReportFields.Province].Segments.Single());

        _index.Add("001", "法律顾问", region: Taixia, level: "township", year: 2023).Refresh();

        var after = _index.Index.Read(s => s.Facets[ReportFields.Province].Segments);
        Assert.Equal(2, after.Length);
        Assert.Same(before, after[0]);
        // 重庆市 was numbered first; ties still come in value order.
        Assert.Equal("四川省 1, 重庆市 1", FacetCounterTests.Table(_index.Search(null).Facets[ReportFields.Province]));
        Assert.Equal("2022 1, 2023 1", FacetCounterTests.Table(_index.Search(null).Facets[ReportFields.Year]));
    }

    [Fact]
    public void ASegmentsValuesAreNumberedInTheOrderItsReportsFirstHoldThem()
    {
        _index.Add("000", "法律顾问", region: Taixia, level: "township", year: 2023)
            .Add("001", "法律顾问", region: Xiaba, level: "township", year: 2021)
            .Add("002", "法律顾问", region: Taixia, level: "township", year: 2023)
            .Add("003", "法律顾问", region: Xiaba, level: "township", year: 2022)
            .Refresh();

        var years = _index.Index.Read(s => s.Facets[ReportFields.Year].Values);

        // Counted in report order, the hits' counts lie close together; value order stays for display.
        Assert.Equal(["2023", "2021", "2022"], years);
        Assert.Equal("2023 2, 2021 1, 2022 1", FacetCounterTests.Table(_index.Search(null).Facets[ReportFields.Year]));
    }

    [Fact]
    public void SegmentsMergedAwayAreLetGoAndTheMergedOneCounts()
    {
        for (var i = 0; i < 6; i++)
        {
            _index.Add($"r{i}", "法律顾问", region: i % 3 == 0 ? Xiaba : Taixia, level: "township", year: 2020 + (i % 2)).Refresh();
        }

        Assert.Equal(6, _index.Index.FacetSegments.Count);

        _index.Index.FinishLoading(merge: true); // down to four segments, read by the next reopen
        var settled = SpinWait.SpinUntil(
            () => !_index.Index.IsMerging && _index.Index.SegmentCount == 4 && _index.Index.FacetSegments.Count == 4,
            TimeSpan.FromSeconds(30));

        Assert.True(settled, $"{_index.Index.SegmentCount} segments searched, {_index.Index.FacetSegments.Count} held");
        var facets = _index.Search(null).Facets;
        Assert.Equal("四川省 4, 重庆市 2", FacetCounterTests.Table(facets[ReportFields.Province]));
        Assert.Equal("2020 3, 2021 3", FacetCounterTests.Table(facets[ReportFields.Year]));
    }
}
