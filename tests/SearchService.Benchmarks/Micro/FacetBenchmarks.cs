using BenchmarkDotNet.Attributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Extraction;
using SearchService.Indexing;
using SearchService.Search;

namespace SearchService.Benchmarks.Micro;

/// <summary>
/// Multi-select facet counting over every dimension (one operation = one search of a 10,000-report index whose
/// reports have sections, cited laws and document numbers like real ones), against collecting the top 10 alone:
/// a match-all search (counted from the whole index's counts), a term a third of the reports hold (counted hit
/// by hit) and the match-all search filtered to one province (drill-sideways).
/// </summary>
[Config(typeof(MicroConfig))]
public class FacetBenchmarks : IMeasuredWork
{
    private const int Reports = 10_000;
    private static readonly string[] Provinces = ["重庆市", "四川省", "广东省", "江苏省", "浙江省", "河南省", "山东省", "贵州省"];
    private static readonly string[] Levels = [ReportLevels.Township, ReportLevels.County, ReportLevels.Department, ReportLevels.City, ReportLevels.Province];
    private static readonly IReadOnlyList<string> Kinds = SectionSpans.AllKinds;

    private BenchIndex _index = null!;
    private string[] _dimensions = null!;

    public static double UnitsPerOperation => Reports;
    public static string Unit => "hits";

    [GlobalSetup]
    public void Build()
    {
        _dimensions = ReportFields.FacetDimensions.ToArray();
        _index = new BenchIndex(Enumerable.Range(0, Reports).Select(i =>
        {
            var province = Provinces[i % Provinces.Length];
            var region = new Region { Province = province, City = $"{province[..2]}{i % 13}市", County = $"{province[..2]}{i % 97}区", Township = $"{province[..2]}{i % 997}镇" };
            var report = new ExtractedReport
            {
                Title = "法治政府建设年度报告",
                Text = i % 3 == 0 ? "法治政府建设 积分制" : "法治政府建设",
                Region = region,
                Level = Levels[i % Levels.Length],
                ReportYear = 2015 + i % 11,
                Sections = Kinds.Take(2 + i % 4).Select((k, s) => new ReportSection($"第{s + 1}部分", k, s * 10, s * 10 + 9)).ToList(),
                CitedLaws = Enumerable.Range(0, 8).Select(k => $"《法规{(i * 31 + k * 97) % 3000}》").ToList(),
                DocNumbers = [$"渝府发〔{2015 + i % 11}〕{i}号"],
            };
            return new ReportRecord($"r{i}", $"r{i}.txt", "", 1, 0, report);
        }));
    }

    [GlobalCleanup]
    public void Cleanup() => _index.Dispose();

    [Benchmark(Baseline = true)]
    public int TopTenOnly() => _index.Index.Read(searcher =>
    {
        var top = TopScoreDocCollector.Create(10, docsScoredInOrder: true);
        searcher.Search(new MatchAllDocsQuery(), top);
        return top.TotalHits;
    });

    [Benchmark]
    public int AllDimensions() => _index.Index.Read(searcher => Count(searcher, new bool[]?[_dimensions.Length]));

    [Benchmark]
    public int ThirdOfReports() => _index.Index.Read(searcher => Count(searcher, new bool[]?[_dimensions.Length], new TermQuery(new Term(ReportFields.BodyBigrams, "积分"))));

    [Benchmark]
    public int ProvinceFiltered() => _index.Index.Read(searcher =>
    {
        var filters = new bool[]?[_dimensions.Length];
        var province = searcher.Facets[ReportFields.Province];
        var allowed = new bool[province.Values.Length];
        allowed[province.OrdinalOf("重庆市")] = true;
        filters[Array.IndexOf(_dimensions, ReportFields.Province)] = allowed;
        return Count(searcher, filters);
    });

    private int Count(ReportIndexSearcher searcher, bool[]?[] filters, Query? query = null)
    {
        using var counter = new FacetCounter([TopScoreDocCollector.Create(10, docsScoredInOrder: true)], searcher.Facets, _dimensions, filters);
        searcher.Search(query ?? new MatchAllDocsQuery(), counter.Parts);
        return counter.CountsOf(0).Length + counter.TotalHits; // reading counts is what counts the hits kept without filters
    }
}
