using System.Net;
using System.Text.Json;
using static SearchService.Api.Seeds;

namespace SearchService.Api;

[Collection(SeedCollection.Name)]
public sealed class SearchApiTests(SearchServiceFactory service)
{
    [Fact]
    public async Task LegalCounselQueryReturnsAllFiveSeedsEachWithAMarkedSnippet()
    {
        var result = await service.GetJsonAsync("/api/search?q=法律顾问");

        Assert.Equal(5, result.GetProperty("total").GetInt32());
        var hits = result.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal([Xiaba, Xilian, Shuanglong, Taixia, Kaizhou], hits.Select(h => h.GetProperty("id").GetString()).Order());
        Assert.All(hits, h => Assert.Contains(h.GetProperty("snippets").EnumerateArray(), s => s.GetString()!.Contains("<em>法律顾问</em>")));
    }

    [Fact]
    public async Task DistinctivePracticeFindsOnlyTheReportThatNamesIt()
    {
        var result = await service.GetJsonAsync("/api/search?q=夏坝师说");

        Assert.Equal([Xiaba], Ids(result));
    }

    [Fact]
    public async Task AntiDrugQueryRanksTheXilianTownReportFirst()
    {
        var result = await service.GetJsonAsync("/api/search?q=禁毒");

        Assert.Equal(Xilian, Ids(result)[0]);
    }

    [Fact]
    public async Task ProvinceFacetCountsEverySeedByItsProvince()
    {
        var result = await service.GetJsonAsync("/api/search");

        Assert.Equal("重庆市 3, 四川省 1, 广东省 1", Facet(result, "province"));
        Assert.Equal("township 4, county 1", Facet(result, "level"));
        Assert.Equal("2022 3, 2020 1, 2024 1", Facet(result, "year"));
    }

    [Fact]
    public async Task ProvinceFilterKeepsTheOtherProvincesCounted()
    {
        var result = await service.GetJsonAsync("/api/search?province=四川省");

        Assert.Equal([Taixia], Ids(result));
        Assert.Equal("重庆市 3, 四川省 1, 广东省 1", Facet(result, "province"));
        Assert.Equal("南充市 1", Facet(result, "city"));
    }

    [Fact]
    public async Task RepeatedFilterValuesAreAlternatives()
    {
        var result = await service.GetJsonAsync("/api/search?province=四川省&province=广东省&sort=relevance");

        Assert.Equal([Xilian, Taixia], Ids(result).Order());
    }

    [Fact]
    public async Task YearRangeAndLevelFiltersCombine()
    {
        var result = await service.GetJsonAsync("/api/search?level=township&yearFrom=2021&yearTo=2023");

        Assert.Equal([Xiaba, Taixia], Ids(result).Order());
    }

    [Fact]
    public async Task EmptyQueryListsEveryReportNewestPublishedFirst()
    {
        var result = await service.GetJsonAsync("/api/search?pageSize=3");

        Assert.Equal(5, result.GetProperty("total").GetInt32());
        Assert.Equal([Xiaba, Kaizhou, Taixia], Ids(result));
        Assert.Equal(3, result.GetProperty("pageSize").GetInt32());
    }

    [Fact]
    public async Task SecondPageContinuesTheFirst()
    {
        var first = Ids(await service.GetJsonAsync("/api/search?q=法治&pageSize=3&page=1"));
        var second = Ids(await service.GetJsonAsync("/api/search?q=法治&pageSize=3&page=2"));

        Assert.Equal(3, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Empty(first.Intersect(second));
    }

    [Theory]
    [InlineData(Xiaba, "重庆市", null, "江津区", "夏坝镇", "township", 2022, "2023-03-15")]
    [InlineData(Xilian, "广东省", "韶关市", "武江区", "西联镇", "township", 2024, null)]
    [InlineData(Shuanglong, "重庆市", null, "丰都县", "双龙镇", "township", 2020, null)]
    [InlineData(Taixia, "四川省", "南充市", "南部县", "太霞乡", "township", 2022, "2023-02-10")]
    [InlineData(Kaizhou, "重庆市", null, "开州区", null, "county", 2022, "2023-03-13")]
    public async Task SeedMetadataEqualsWhatTheReportSays(
        string id, string province, string? city, string county, string? township, string level, int year, string? publishDate)
    {
        var report = await service.GetJsonAsync($"/api/reports/{id}");

        Assert.Equal(id, report.GetProperty("id").GetString());
        Assert.Equal(province, report.GetProperty("province").GetString());
        Assert.Equal(city, report.GetProperty("city").GetString());
        Assert.Equal(county, report.GetProperty("county").GetString());
        Assert.Equal(township, report.GetProperty("township").GetString());
        Assert.Equal(level, report.GetProperty("level").GetString());
        Assert.Equal(year, report.GetProperty("year").GetInt32());
        Assert.Equal(publishDate, report.GetProperty("publishDate").GetString());
    }

    [Fact]
    public async Task ReportViewCarriesCodesIssuerAndCleanText()
    {
        var report = await service.GetJsonAsync($"/api/reports/{Xilian}");

        Assert.Equal("440203100", report.GetProperty("townshipCode").GetString());
        Assert.Equal("440203", report.GetProperty("countyCode").GetString());
        Assert.Equal("4402", report.GetProperty("cityCode").GetString());
        Assert.Equal("44", report.GetProperty("provinceCode").GetString());
        Assert.StartsWith("2024年,在区委、区政府的正确领导下", report.GetProperty("text").GetString());
    }

    [Fact]
    public async Task ReportViewWithQueryMarksEveryMatchInTheWholeText()
    {
        var report = await service.GetJsonAsync($"/api/reports/{Xiaba}?q=夏坝师说");

        var marked = report.GetProperty("highlightedText").GetString()!;
        Assert.Contains("开展“<em>夏坝师说</em>”特色课堂", marked);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(marked, "<em>"));
    }

    [Fact]
    public async Task RawEndpointServesTheFileAsItWasRead()
    {
        using var client = service.CreateClient();

        var raw = await client.GetByteArrayAsync($"/api/reports/{Xiaba}/raw");

        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(service.CorpusFolder, Xiaba + ".txt")), raw);
    }

    [Fact]
    public async Task UnknownReportIs404ProblemDetails()
    {
        using var client = service.CreateClient();

        var response = await client.GetAsync("/api/reports/no-such-report");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-such-report", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnclosedQuoteReturns400ProblemDetails()
    {
        using var client = service.CreateClient();

        var response = await client.GetAsync("/api/search?q=%22未闭合");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("unclosed quote", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=1001&pageSize=10", "page")]
    [InlineData("level=village", "level")]
    [InlineData("sort=popular", "sort")]
    [InlineData("yearFrom=2024&yearTo=2020", "yearFrom")]
    public async Task OutOfRangeParameterIs400NamingIt(string query, string parameter)
    {
        await service.AssertRejectsAsync($"/api/search?{query}", parameter);
    }

    [Fact]
    public async Task NonNumericParameterIs400SayingWhichOne()
    {
        using var client = service.CreateClient();

        var response = await client.GetAsync("/api/search?page=abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Page", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ChineseAndMarksAreWrittenUnescaped()
    {
        using var client = service.CreateClient();

        var body = await client.GetStringAsync("/api/search?q=夏坝师说");

        Assert.Contains("<em>夏坝师说</em>", body);
    }

    [Fact]
    public async Task FacetsEndpointCountsEveryValueOverTheWholeIndex()
    {
        var facets = await service.GetJsonAsync("/api/facets");

        Assert.Equal("重庆市 3, 四川省 1, 广东省 1", Values(facets.GetProperty("province")));
        Assert.Equal("丰都县 1, 南部县 1, 开州区 1, 武江区 1, 江津区 1", Values(facets.GetProperty("county")));
    }

    [Fact]
    public async Task HealthReportsTheIndexedSeeds()
    {
        var health = await service.GetJsonAsync("/health");

        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        var data = health.GetProperty("checks").GetProperty("index").GetProperty("data");
        Assert.Equal(5, data.GetProperty("indexed").GetInt32() + data.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, data.GetProperty("rejected").GetInt32());
    }

    [Fact]
    public async Task HealthShowsTheReadCacheServingSearches()
    {
        // A block is kept once it is missed a second time: after two runs of a search, a third reads nothing.
        await service.GetJsonAsync("/api/search?q=法律顾问");
        await service.GetJsonAsync("/api/search?q=法律顾问");
        var before = await ReadCacheAsync();

        await service.GetJsonAsync("/api/search?q=法律顾问");
        var after = await ReadCacheAsync();

        var reads = after.GetProperty("reads").GetInt64();
        var lookups = after.GetProperty("lookups").GetInt64();
        Assert.True(lookups > before.GetProperty("lookups").GetInt64());
        Assert.Equal(before.GetProperty("reads").GetInt64(), reads);
        Assert.True(after.GetProperty("heldMB").GetDouble() > 0);
        Assert.Equal(Math.Round(1 - (double)reads / lookups, 4), after.GetProperty("hitRate").GetDouble());

        async Task<JsonElement> ReadCacheAsync() =>
            (await service.GetJsonAsync("/health")).GetProperty("checks").GetProperty("index").GetProperty("data").GetProperty("readCache");
    }

    [Fact]
    public async Task SwaggerUiAndOpenApiDocumentDescribeTheApi()
    {
        using var client = service.CreateClient();

        var ui = await client.GetAsync("/swagger/index.html");
        var document = await service.GetJsonAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/search", out var search));
        Assert.True(paths.TryGetProperty("/api/facets", out _));
        Assert.True(paths.TryGetProperty("/api/reports/{id}", out _));
        foreach (var path in new[] { "/api/reports/{id}/similar", "/api/passages", "/api/trends", "/api/coverage", "/api/export" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        var parameters = search.GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Subset(parameters.ToHashSet(), new HashSet<string?> { "q", "province", "city", "county", "township", "level", "year", "yearFrom", "yearTo", "page", "pageSize", "sort" });
        Assert.True(search.GetProperty("get").GetProperty("responses").TryGetProperty("400", out _));
    }

    private static List<string?> Ids(JsonElement result) =>
        result.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()).ToList();

    private static string Facet(JsonElement result, string dimension) => Values(result.GetProperty("facets").GetProperty(dimension));

    private static string Values(JsonElement values) =>
        string.Join(", ", values.EnumerateArray().Select(v => $"{v.GetProperty("value").GetString()} {v.GetProperty("count").GetInt32()}"));
}
