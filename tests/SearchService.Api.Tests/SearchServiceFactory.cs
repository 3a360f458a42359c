using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace SearchService.Api;

/// <summary>
/// The real service over a real on-disk index in a temporary folder, with the seeds copied into its corpus
/// folder. Ready once <c>/health</c> says so.
/// </summary>
public sealed class SearchServiceFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings;

    public SearchServiceFactory() : this(Directory.CreateTempSubdirectory("search-").FullName)
    {
    }

    /// <summary>A service over an existing folder (corpus/ and index/ inside it), to restart on the same index.</summary>
    internal SearchServiceFactory(string root, Dictionary<string, string?>? settings = null)
    {
        Root = root;
        if (!Directory.Exists(CorpusFolder))
        {
            Directory.CreateDirectory(CorpusFolder);
            foreach (var seed in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds")))
            {
                File.Copy(seed, Path.Combine(CorpusFolder, Path.GetFileName(seed)));
            }
        }

        _settings = new Dictionary<string, string?>
        {
            ["Index:Path"] = IndexFolder,
            ["Corpus:Paths:0"] = CorpusFolder,
            ["Corpus:DebounceMilliseconds"] = "100",
            ["Index:MaxStaleSeconds"] = "0.2",
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }
    }

    public string Root { get; }

    public string CorpusFolder => Path.Combine(Root, "corpus");

    public string IndexFolder => Path.Combine(Root, "index");

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>Deletes the folder after the host has released the index.</summary>
    public bool DeleteOnDispose { get; init; } = true;

    public async Task InitializeAsync()
    {
        using var client = CreateClient();
        await Eventually.True(async () => (await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK, "the service became healthy");
    }

    public async Task<JsonElement> GetJsonAsync(string url)
    {
        using var client = CreateClient();
        return await client.GetFromJsonAsync<JsonElement>(url, Json);
    }

    /// <summary>Asserts that <paramref name="url"/> answers 400 with a validation problem naming <paramref name="parameter"/>.</summary>
    public async Task AssertRejectsAsync(string url, string parameter)
    {
        using var client = CreateClient();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"no error for {parameter}");
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (DeleteOnDispose && Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(_settings));
        return base.CreateHost(builder);
    }
}

[CollectionDefinition(Name)]
public sealed class SeedCollection : ICollectionFixture<SearchServiceFactory>
{
    public const string Name = "seeds";
}
