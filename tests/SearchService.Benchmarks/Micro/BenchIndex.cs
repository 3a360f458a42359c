using SearchService.Extraction;
using SearchService.Indexing;
using SearchService.Search;

namespace SearchService.Benchmarks.Micro;

/// <summary>A real index in a temporary folder for one benchmark process, with the production searcher over it.</summary>
internal sealed class BenchIndex : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("searchservice-micro-");

    public BenchIndex(IEnumerable<ReportRecord> records)
    {
        Index = new ReportIndex(new ReportIndexOptions { Path = _folder.FullName });
        foreach (var record in records)
        {
            Index.Upsert(record);
        }

        Index.Commit();
        Index.WaitForSearchers();
        Searcher = new ReportSearcher(Index, new QueryTranslator(Synonyms.Load()));
    }

    public ReportIndex Index { get; }
    public ReportSearcher Searcher { get; }

    /// <summary>The seed reports, extracted, each indexed <paramref name="copies"/> times under its own id.</summary>
    public static BenchIndex OfSeeds(int copies) => new(
        from s in Seeds.Raw
        let report = ReportExtractor.Shared.Extract(s.Path, s.Content)
        from copy in Enumerable.Range(0, copies)
        select new ReportRecord($"{Path.GetFileNameWithoutExtension(s.Path)}-{copy}", s.Path, "", s.Content.Length, 0, report));

    public void Dispose()
    {
        Index.Dispose();
        _folder.Delete(recursive: true);
    }
}
