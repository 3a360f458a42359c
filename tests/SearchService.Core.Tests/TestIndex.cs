using SearchService.Extraction;
using SearchService.Indexing;
using SearchService.Search;

namespace SearchService;

/// <summary>A real on-disk index in a temporary folder, with the production searcher over it.</summary>
internal sealed class TestIndex : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("index-test-");

    /// <param name="options">Settings of the index; its folder is the test's own.</param>
    public TestIndex(ReportIndexOptions? options = null)
    {
        options ??= new ReportIndexOptions();
        options.Path = _folder.FullName;
        Index = new ReportIndex(options);
        Searcher = new ReportSearcher(Index, new QueryTranslator(Synonyms.Load()));
    }

    public ReportIndex Index { get; }

    public ReportSearcher Searcher { get; }

    public string Folder => _folder.FullName;

    public TestIndex Add(
        string id, string text, string title = "", Region? region = null, string? level = null, int? year = null, IReadOnlyList<ReportSection>? sections = null)
    {
        var report = new ExtractedReport { Title = title, Text = text, Region = region ?? Region.Unknown, Level = level, ReportYear = year, Sections = sections ?? [] };
        Index.Upsert(new ReportRecord(id, Path.Combine(Folder, id + ".txt"), id, text.Length, 0, report));
        return this;
    }

    /// <summary>
    /// An index of reports r0000, r0001, … with these bodies and titles in two segments (a third and the rest),
    /// searchable, report number <paramref name="deleted"/> deleted.
    /// </summary>
    public static TestIndex WithTitles((string Body, string Title)[] reports, int deleted)
    {
        var index = new TestIndex();
        for (var i = 0; i < reports.Length; i++)
        {
            index.Add($"r{i:0000}", reports[i].Body, title: reports[i].Title);
            if (i == reports.Length / 3)
            {
                index.Refresh();
            }
        }

        index.Index.Delete($"r{deleted:0000}");
        return index.Refresh();
    }

    /// <summary>An index of <paramref name="texts"/> as reports r00, r01, … in two segments, searchable, <paramref name="deleted"/> deleted.</summary>
    public static TestIndex InTwoSegments(string[] texts, string? deleted = null)
    {
        var index = new TestIndex();
        for (var i = 0; i < texts.Length; i++)
        {
            index.Add($"r{i:00}", texts[i]);
            if (i == texts.Length / 2)
            {
                index.Refresh();
            }
        }

        if (deleted is not null)
        {
            index.Index.Delete(deleted);
        }

        return index.Refresh();
    }

    /// <summary>Waits until searches see every change so far.</summary>
    public TestIndex Refresh()
    {
        Index.WaitForSearchers();
        return this;
    }

    public SearchResult Search(string? query, SearchRequest? request = null)
    {
        Assert.True(Searcher.TryReadQuery(query, out var parsed, out var error), error);
        return Searcher.Search(request ?? new SearchRequest(), parsed);
    }

    /// <summary>The ids of the hits, best first.</summary>
    public List<string> Ids(string query) => Search(query, new SearchRequest { Limit = 100 }).Hits.Select(h => h.Report.Id).ToList();

    public void Dispose()
    {
        Index.Dispose();
        _folder.Delete(recursive: true);
    }
}
