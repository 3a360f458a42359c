using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace SearchService.Api;

/// <summary>Each test changes its own corpus, so each has its own service.</summary>
public sealed class IngestionTests
{
    private const string NewReport = """
        重庆市江津区白沙镇人民政府

        白沙镇2023年度法治政府建设情况报告

        2023年，白沙镇深入推进“板凳议事会”基层治理，依法行政水平持续提升。
        """;

    [Fact]
    public async Task FileDroppedIntoTheCorpusIsSearchableWithinSeconds()
    {
        await using var service = await StartAsync();

        await File.WriteAllTextAsync(Path.Combine(service.CorpusFolder, "baisha.txt"), NewReport);

        await Eventually.True(async () => Total(await service.GetJsonAsync("/api/search?q=板凳议事会")) == 1, "the new report is found", seconds: 10);
        var report = await service.GetJsonAsync("/api/reports/baisha");
        Assert.Equal("白沙镇2023年度法治政府建设情况报告", report.GetProperty("title").GetString());
        Assert.Equal("500116108", report.GetProperty("townshipCode").GetString());
    }

    [Fact]
    public async Task FileInASubfolderGetsItsRelativePathAsId()
    {
        await using var service = await StartAsync();
        Directory.CreateDirectory(Path.Combine(service.CorpusFolder, "2023", "重庆"));

        await File.WriteAllTextAsync(Path.Combine(service.CorpusFolder, "2023", "重庆", "baisha.txt"), NewReport);

        await Eventually.True(async () => Total(await service.GetJsonAsync("/api/search?q=板凳议事会")) == 1, "the new report is found", seconds: 10);
        var hit = (await service.GetJsonAsync("/api/search?q=板凳议事会")).GetProperty("hits")[0];
        Assert.Equal("2023/重庆/baisha", hit.GetProperty("id").GetString());
    }

    [Fact]
    public async Task ChangedFileReplacesItsDocumentWithoutDuplicate()
    {
        await using var service = await StartAsync();
        var seed = Path.Combine(service.CorpusFolder, "000_2f278ac9b8784165.txt");

        await File.WriteAllTextAsync(seed, (await File.ReadAllTextAsync(seed)).Replace("夏坝师说", "夏坝法说"));

        await Eventually.True(async () => Total(await service.GetJsonAsync("/api/search?q=夏坝法说")) == 1, "the changed text is found", seconds: 10);
        Assert.Equal(0, Total(await service.GetJsonAsync("/api/search?q=夏坝师说")));
        Assert.Equal(5, Total(await service.GetJsonAsync("/api/search")));
    }

    [Fact]
    public async Task DeletedFileDisappearsFromResults()
    {
        await using var service = await StartAsync();

        File.Delete(Path.Combine(service.CorpusFolder, "000_2f278ac9b8784165.txt"));

        await Eventually.True(async () => Total(await service.GetJsonAsync("/api/search?q=夏坝师说")) == 0, "the deleted report is gone", seconds: 10);
        Assert.Equal(4, Total(await service.GetJsonAsync("/api/search")));
    }

    [Fact]
    public async Task Gb18030FileIsDecoded()
    {
        await using var service = await StartAsync();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

        await File.WriteAllBytesAsync(Path.Combine(service.CorpusFolder, "baisha.txt"), Encoding.GetEncoding("GB18030").GetBytes(NewReport));

        await Eventually.True(async () => Total(await service.GetJsonAsync("/api/search?q=板凳议事会")) == 1, "the GB18030 report is found", seconds: 10);
    }

    [Fact]
    public async Task EmptyFileIsRejectedVisiblyAndTheServiceGoesOn()
    {
        await using var service = await StartAsync();

        await File.WriteAllBytesAsync(Path.Combine(service.CorpusFolder, "empty.txt"), []);
        await File.WriteAllTextAsync(Path.Combine(service.CorpusFolder, "baisha.txt"), NewReport);

        await Eventually.True(async () => Total(await service.GetJsonAsync("/api/search?q=板凳议事会")) == 1, "the good report is found", seconds: 10);
        var data = (await service.GetJsonAsync("/health")).GetProperty("checks").GetProperty("index").GetProperty("data");
        Assert.Equal(1, data.GetProperty("rejected").GetInt32());
        Assert.Contains("empty.txt: the file is empty", data.GetProperty("latestRejections")[0].GetString());
    }

    [Fact]
    public async Task RestartReindexesNothingThatIsUnchanged()
    {
        var (first, second) = await RestartAsync(betweenRuns: _ => { });

        Assert.Equal((5, 0), first);
        Assert.Equal((0, 5), Counts(await second.GetJsonAsync("/health")));
        Assert.Equal(5, Total(await second.GetJsonAsync("/api/search?q=法律顾问")));
        await second.DisposeAsync();
    }

    [Fact]
    public async Task FileRemovedWhileStoppedIsRemovedAtTheNextStart()
    {
        var (_, second) = await RestartAsync(betweenRuns: corpus => File.Delete(Path.Combine(corpus, "000_2f278ac9b8784165.txt")));

        Assert.Equal(4, Total(await second.GetJsonAsync("/api/search")));
        await second.DisposeAsync();
    }

    /// <summary>Runs the service to readiness, stops it, changes the corpus, and starts it again on the same index.</summary>
    private static async Task<((int Indexed, int Unchanged) First, SearchServiceFactory Second)> RestartAsync(Action<string> betweenRuns)
    {
        var root = Directory.CreateTempSubdirectory("search-").FullName;
        (int, int) firstCounts;
        await using (var first = new SearchServiceFactory(root) { DeleteOnDispose = false })
        {
            await first.InitializeAsync();
            firstCounts = Counts(await first.GetJsonAsync("/health"));
        }

        betweenRuns(Path.Combine(root, "corpus"));
        var second = new SearchServiceFactory(root);
        await second.InitializeAsync();
        return (firstCounts, second);
    }

    [Fact]
    public void IndexPathThatIsAFileStopsTheStartNamingTheSetting()
    {
        var root = Directory.CreateTempSubdirectory("search-").FullName;
        var file = Path.Combine(root, "not-a-folder");
        File.WriteAllText(file, "");
        using var service = new SearchServiceFactory(root, new() { ["Index:Path"] = file });

        var error = Assert.ThrowsAny<OptionsValidationException>(() => service.CreateClient());

        Assert.Contains("Index:Path", error.Message);
        Directory.Delete(root, recursive: true);
    }

    [Theory]
    [InlineData("Index:ReadCacheMB")]
    [InlineData("Index:PostingsCacheMB")]
    public void NegativeCacheSizeStopsTheStartNamingTheSetting(string setting)
    {
        var root = Directory.CreateTempSubdirectory("search-").FullName;
        using var service = new SearchServiceFactory(root, new() { [setting] = "-64" });

        var error = Assert.ThrowsAny<OptionsValidationException>(() => service.CreateClient());

        Assert.Contains(setting.Split(':')[1], error.Message);
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void MissingCorpusFolderStopsTheStartNamingTheSetting()
    {
        var root = Directory.CreateTempSubdirectory("search-").FullName;
        using var service = new SearchServiceFactory(root, new() { ["Corpus:Paths:0"] = Path.Combine(root, "nowhere") });

        var error = Assert.ThrowsAny<OptionsValidationException>(() => service.CreateClient());

        Assert.Contains("Corpus:Paths:0", error.Message);
        Assert.Contains("nowhere", error.Message);
        Directory.Delete(root, recursive: true);
    }

    private static async Task<SearchServiceFactory> StartAsync()
    {
        var service = new SearchServiceFactory();
        await service.InitializeAsync();
        return service;
    }

    private static int Total(JsonElement result) => result.GetProperty("total").GetInt32();

    private static (int Indexed, int Unchanged) Counts(JsonElement health)
    {
        var data = health.GetProperty("checks").GetProperty("index").GetProperty("data");
        return (data.GetProperty("indexed").GetInt32(), data.GetProperty("unchanged").GetInt32());
    }
}
