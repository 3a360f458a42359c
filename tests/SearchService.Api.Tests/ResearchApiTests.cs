using System.Net;
using System.Text;
using System.Text.Json;
using static SearchService.Api.Seeds;

namespace SearchService.Api;

[Collection(SeedCollection.Name)]
public sealed class ResearchApiTests(SearchServiceFactory service)
{
    [Fact]
    public async Task SimilarReportsLeaveOutTheReportItselfAndHonourSameLevel()
    {
        var all = await service.GetJsonAsync($"/api/reports/{Xiaba}/similar");
        var sameLevel = await service.GetJsonAsync($"/api/reports/{Xiaba}/similar?sameLevel=true");

        Assert.DoesNotContain(Xiaba, Ids(all));
        Assert.Equal([Xilian, Shuanglong, Taixia, Kaizhou], Ids(all).Order());
        Assert.Equal([Xilian, Shuanglong, Taixia], Ids(sameLevel).Order());
    }

    [Fact]
    public async Task SimilarReportsCanExcludeTheSameRegion()
    {
        // Xiaba (江津区) and Shuanglong (丰都县) are both in 重庆市 but in different counties.
        var elsewhere = await service.GetJsonAsync($"/api/reports/{Xiaba}/similar?excludeSameRegion=true&province=重庆市");

        Assert.Equal([Shuanglong, Kaizhou], Ids(elsewhere).Order());
    }

    [Fact]
    public async Task SimilarToAnUnknownReportIs404()
    {
        using var client = service.CreateClient();

        var response = await client.GetAsync("/api/reports/no-such-report/similar");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PassagesAreMarkedParagraphsWithTheirReportAndSection()
    {
        var result = await service.GetJsonAsync("/api/passages?q=网格化&level=township");

        Assert.Equal(2, result.GetProperty("totalReports").GetInt32());
        var passages = result.GetProperty("passages").EnumerateArray().ToList();
        Assert.Equal([Xiaba, Xilian], passages.Select(p => p.GetProperty("id").GetString()).Order());
        var xiaba = passages.Single(p => p.GetProperty("id").GetString() == Xiaba);
        Assert.Equal("一、主要举措和成效", xiaba.GetProperty("sectionHeading").GetString());
        Assert.Equal("achievements", xiaba.GetProperty("sectionKind").GetString());
        Assert.StartsWith("三是深化“组网合一”。", xiaba.GetProperty("text").GetString());
        Assert.Contains("<em>网格化</em>管理三人小组", xiaba.GetProperty("text").GetString());
    }

    [Fact]
    public async Task PerReportLimitsHowManyPassagesOneReportGives()
    {
        // The Taixia report names 法律顾问 in six paragraphs.
        var one = await service.GetJsonAsync($"/api/passages?q=法律顾问&township=太霞乡");
        var three = await service.GetJsonAsync($"/api/passages?q=法律顾问&township=太霞乡&perReport=3");

        Assert.Equal(1, one.GetProperty("passages").GetArrayLength());
        Assert.Equal(3, three.GetProperty("passages").GetArrayLength());
    }

    [Fact]
    public async Task PassagesInProblemSectionsOnly()
    {
        var result = await service.GetJsonAsync("/api/passages?q=执法力量&section=problems&perReport=5");

        Assert.All(result.GetProperty("passages").EnumerateArray(), p => Assert.Equal("problems", p.GetProperty("sectionKind").GetString()));
        Assert.Equal([Xiaba, Xilian], result.GetProperty("passages").EnumerateArray().Select(p => p.GetProperty("id").GetString()).Distinct().Order());
    }

    [Fact]
    public async Task TrendsCountMatchingReportsBesideAllReportsPerBucket()
    {
        var result = await service.GetJsonAsync("/api/trends?q=积分制&by=year");

        Assert.Equal("2020 0/1 0, 2022 2/3 0.6667, 2024 0/1 0", Buckets(result, "year"));
    }

    [Fact]
    public async Task TrendsByTwoDimensionsMakeATable()
    {
        var result = await service.GetJsonAsync("/api/trends?q=积分制&by=year,province");

        var cells = result.GetProperty("buckets").EnumerateArray()
            .Select(b => $"{b.GetProperty("key").GetProperty("year").GetString()} {b.GetProperty("key").GetProperty("province").GetString()} {b.GetProperty("matching").GetInt32()}/{b.GetProperty("total").GetInt32()}");
        Assert.Equal("2020 重庆市 0/1, 2022 四川省 0/1, 2022 重庆市 2/2, 2024 广东省 0/1", string.Join(", ", cells));
    }

    [Fact]
    public async Task CoverageListsDivisionsWithAndWithoutAReport()
    {
        var result = await service.GetJsonAsync("/api/coverage?year=2022&level=township&region=500116");

        Assert.Equal(1, result.GetProperty("covered").GetInt32());
        Assert.Equal("500116119 夏坝镇", string.Join(", ", result.GetProperty("reported").EnumerateArray().Select(d => $"{d.GetProperty("code").GetString()} {d.GetProperty("name").GetString()}")));
        Assert.Equal(result.GetProperty("divisions").GetInt32() - 1, result.GetProperty("missing").GetArrayLength());
        Assert.Contains(result.GetProperty("missing").EnumerateArray(), d => d.GetProperty("name").GetString() == "白沙镇");
    }

    [Theory]
    [InlineData("/api/coverage?level=township", "year")]
    [InlineData("/api/coverage?year=2022&level=department", "level")]
    [InlineData("/api/trends?by=weather", "by")]
    [InlineData("/api/trends?by=year,year", "by")]
    [InlineData("/api/passages?perReport=0&q=法治", "perReport")]
    [InlineData("/api/passages", "q")]
    [InlineData("/api/export?format=xlsx", "format")]
    public async Task InvalidResearchParameterIs400NamingIt(string url, string parameter)
    {
        await service.AssertRejectsAsync(url, parameter);
    }

    [Fact]
    public async Task CsvExportHasEveryMatchingReportWithABomForSpreadsheets()
    {
        using var client = service.CreateClient();

        var bytes = await client.GetByteArrayAsync("/api/export?q=法律顾问&format=csv");

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("id,title,province,city,county,township,level", lines[0]);
        Assert.Equal(6, lines.Count);
        Assert.Contains(lines, l => l.StartsWith($"{Kaizhou},开州区2022年度法治政府建设情况,重庆市,,开州区,,county,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task JsonLinesExportWithTextCarriesEachReportsText()
    {
        using var client = service.CreateClient();

        var body = await client.GetStringAsync("/api/export?q=夏坝师说&format=jsonl&text=true");

        var line = Assert.Single(body.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var report = JsonDocument.Parse(line).RootElement;
        Assert.Equal(Xiaba, report.GetProperty("id").GetString());
        Assert.Contains("“夏坝师说”特色课堂", report.GetProperty("text").GetString());
    }

    private static List<string?> Ids(JsonElement result) =>
        result.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()).ToList();

    private static string Buckets(JsonElement result, string dimension) => string.Join(", ", result.GetProperty("buckets").EnumerateArray()
        .Select(b => $"{b.GetProperty("key").GetProperty(dimension).GetString()} {b.GetProperty("matching").GetInt32()}/{b.GetProperty("total").GetInt32()} {b.GetProperty("share").GetDouble()}"));
}
