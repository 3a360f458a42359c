using System.Net;
using System.Text.Json;
using static SearchService.Api.Seeds;

namespace SearchService.Api;

[Collection(SeedCollection.Name)]
public sealed class SearchFeatureTests(SearchServiceFactory service)
{
    [Fact]
    public async Task TraditionalQueryFindsTheSimplifiedReportsAndSaysSo()
    {
        var result = await service.GetJsonAsync("/api/search?q=法律顧問&explain=true");

        Assert.Equal(5, Total(result));
        var term = result.GetProperty("hits")[0].GetProperty("explain").GetProperty("terms")[0];
        Assert.Equal("variant", term.GetProperty("matchedAs").GetString());
        Assert.Equal("法律顾问", term.GetProperty("form").GetString());
    }

    [Fact]
    public async Task FormerPlaceNameFindsTheRenamedDistrictUnlessVariantsAreOff()
    {
        var withVariants = await service.GetJsonAsync("/api/search?q=开县&explain=true");
        var without = await service.GetJsonAsync("/api/search?q=开县&variants=false");

        Assert.Equal([Kaizhou], Ids(withVariants));
        var term = withVariants.GetProperty("hits")[0].GetProperty("explain").GetProperty("terms")[0];
        Assert.Equal("synonym", term.GetProperty("matchedAs").GetString());
        Assert.Equal("开州区", term.GetProperty("form").GetString());
        Assert.Equal(0, Total(without));
    }

    [Fact]
    public async Task CuratedSynonymWidensTheSearchOnlyWhenVariantsAreOn()
    {
        // Only the Taixia report writes 法制宣传教育; all five write 普法, its listed equivalent.
        Assert.Equal(5, Total(await service.GetJsonAsync("/api/search?q=法制宣传教育")));
        Assert.Equal([Taixia], Ids(await service.GetJsonAsync("/api/search?q=法制宣传教育&variants=false")));
    }

    [Fact]
    public async Task ExplainSaysWhetherATermMatchedAsAWholeWordAndGivesTheScoreParts()
    {
        // 法治 is one word in the dictionary; every seed has it as a word.
        var result = await service.GetJsonAsync("/api/search?q=法治&explain=true");

        var explain = result.GetProperty("hits")[0].GetProperty("explain");
        Assert.Equal("wholeWord", explain.GetProperty("terms")[0].GetProperty("matchedAs").GetString());
        Assert.Equal(result.GetProperty("hits")[0].GetProperty("score").GetSingle(), explain.GetProperty("score").GetProperty("value").GetSingle(), 4);
        Assert.NotEqual(0, explain.GetProperty("score").GetProperty("details").GetArrayLength());
    }

    [Fact]
    public async Task HitsCarryNoExplanationUnlessAsked()
    {
        var result = await service.GetJsonAsync("/api/search?q=积分制");

        Assert.False(result.GetProperty("hits")[0].TryGetProperty("explain", out _));
    }

    [Fact]
    public async Task SectionFilterKeepsOnlyMatchesInsideSectionsOfThatKind()
    {
        // 执法力量 is in the problems sections of Xiaba and Xilian, and in the achievements of Kaizhou.
        Assert.Equal([Xiaba, Xilian], Ids(await service.GetJsonAsync("/api/search?q=执法力量&section=problems")).Order());
        Assert.Equal(0, Total(await service.GetJsonAsync("/api/search?q=执法力量&section=nextYearPlan")));
        Assert.Equal(3, Total(await service.GetJsonAsync("/api/search?q=执法力量")));
    }

    [Fact]
    public async Task RegionFacetIsATreeKeyedByCodeOpenAlongTheSelectedPath()
    {
        var result = await service.GetJsonAsync("/api/search?region=500116");

        Assert.Equal([Xiaba], Ids(result));
        var region = result.GetProperty("facets").GetProperty("region");
        Assert.Equal("50 重庆市 3, 44 广东省 1, 51 四川省 1", Nodes(region));
        var chongqing = region[0].GetProperty("children");
        Assert.Equal("500116 江津区 1, 500154 开州区 1, 500230 丰都县 1", Nodes(chongqing));
        Assert.Equal("500116119 夏坝镇 1", Nodes(chongqing[0].GetProperty("children")));
        Assert.False(chongqing[1].TryGetProperty("children", out _));
        Assert.False(region[1].TryGetProperty("children", out _));
    }

    [Fact]
    public async Task FacetSizeLimitsValuesAndSaysHowManyWereLeftOut()
    {
        var result = await service.GetJsonAsync("/api/search?facetSize=1");

        Assert.Equal(1, result.GetProperty("facets").GetProperty("province").GetArrayLength());
        Assert.Equal(2, result.GetProperty("facetOther").GetProperty("province").GetInt32());
    }

    [Fact]
    public async Task CitedLawsAndDocumentNumbersAreFacetsAndFilters()
    {
        var all = await service.GetJsonAsync("/api/search?facetSize=1000");
        var filtered = await service.GetJsonAsync("/api/search?docNumber=津府发〔2022〕80号");

        Assert.Contains(all.GetProperty("facets").GetProperty("docNumber").EnumerateArray(), v => v.GetProperty("value").GetString() == "津府发〔2022〕80号");
        Assert.NotEqual(0, all.GetProperty("facets").GetProperty("citedLaw").GetArrayLength());
        Assert.Equal([Xiaba], Ids(filtered));
    }

    [Fact]
    public async Task CursorPagesCoverEveryHitOnceInOrder()
    {
        var seen = new List<string?>();
        string? cursor = null;
        do
        {
            var page = await service.GetJsonAsync("/api/search?q=法治&pageSize=2" + (cursor is null ? "" : "&after=" + cursor));
            seen.AddRange(Ids(page));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        var all = Ids(await service.GetJsonAsync("/api/search?q=法治&pageSize=10"));
        Assert.Equal(all, seen);
    }

    [Theory]
    [InlineData("sort=date", "sort=relevance")]
    [InlineData("sort=relevance", "sort=date")]
    [InlineData("q=", "q=&sort=relevance")] // without a query the newest come first
    public async Task CursorOfOneSortUsedWithAnotherIs400NamingAfter(string madeWith, string usedWith)
    {
        var cursor = (await service.GetJsonAsync($"/api/search?pageSize=1&{Query(madeWith)}")).GetProperty("nextCursor").GetString();

        await service.AssertRejectsAsync($"/api/search?pageSize=1&{Query(usedWith)}&after={cursor}", "after");
        Assert.NotEmpty(Ids(await service.GetJsonAsync($"/api/search?pageSize=1&{Query(madeWith)}&after={cursor}")));

        static string Query(string parameters) => parameters.StartsWith("q=", StringComparison.Ordinal) ? parameters : "q=法治&" + parameters;
    }

    [Fact]
    public async Task ZeroSnippetsReturnsTheWholeTextHighlightedWithTheChosenTag()
    {
        var result = await service.GetJsonAsync("/api/search?q=夏坝师说&snippets=0&tag=mark");

        var whole = result.GetProperty("hits")[0].GetProperty("snippets")[0].GetString()!;
        Assert.Contains("开展“<mark>夏坝师说</mark>”特色课堂", whole);
        Assert.Contains("2022年,在区委、区政府的坚强领导下", whole);
        Assert.EndsWith("2023年2月24日", whole.TrimEnd());
    }

    [Theory]
    [InlineData("tag=script%3E", "tag")]
    [InlineData("snippets=11", "snippets")]
    [InlineData("snippetLength=5", "snippetLength")]
    [InlineData("facetSize=0", "facetSize")]
    [InlineData("section=summary", "section")]
    [InlineData("region=5", "region")]
    [InlineData("after=not-a-cursor", "after")]
    public async Task InvalidNewParameterIs400NamingIt(string query, string parameter)
    {
        await service.AssertRejectsAsync($"/api/search?{query}", parameter);
    }

    private static int Total(JsonElement result) => result.GetProperty("total").GetInt32();

    private static List<string?> Ids(JsonElement result) =>
        result.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()).ToList();

    private static string Nodes(JsonElement nodes) => string.Join(", ", nodes.EnumerateArray().Select(n =>
        $"{n.GetProperty("value").GetString()} {n.GetProperty("name").GetString()} {n.GetProperty("count").GetInt32()}"));
}
