using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using SearchService.Api.Endpoints;
using SearchService.Search;

namespace SearchService.Benchmarks.Micro;

/// <summary>A search response (10 hits, 3 snippets each, all facets) to UTF-8 JSON with the service's settings.</summary>
[Config(typeof(MicroConfig))]
public class SerializationBenchmarks : IMeasuredWork
{
    private readonly JsonSerializerOptions _web = new(JsonSerializerDefaults.Web);

    // As the service configures it: generated code first, reflection for anything else.
    private readonly JsonSerializerOptions _generated = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ApiJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };
    private readonly MemoryStream _buffer = new();
    private SearchResponse _response = null!;

    public static double UnitsPerOperation => 1;
    public static string Unit => "responses";

    [GlobalSetup]
    public void Build()
    {
        using var index = BenchIndex.OfSeeds(copies: 2);
        if (!index.Searcher.TryReadQuery("法治政府", out var query, out var error))
        {
            throw new InvalidOperationException(error);
        }

        var request = new SearchRequest();
        _response = SearchEndpoints.Respond(index.Searcher.Search(request, query), request, 1, System.Diagnostics.Stopwatch.StartNew(), SearchService.Extraction.Divisions.Load());
    }

    [Benchmark(Baseline = true)]
    public long Reflection() => Serialize(_web);

    [Benchmark]
    public long SourceGenerated() => Serialize(_generated);

    private long Serialize(JsonSerializerOptions options)
    {
        _buffer.SetLength(0);
        JsonSerializer.Serialize(_buffer, _response, options);
        return _buffer.Length;
    }
}
