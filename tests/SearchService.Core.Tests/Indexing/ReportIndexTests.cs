using Lucene.Net.Index;
using FSDirectory = Lucene.Net.Store.FSDirectory;
using SearchService.Analysis;

namespace SearchService.Indexing;

public sealed class ReportIndexTests
{
    [Fact]
    public void UpsertWithTheSameIdReplacesTheReport()
    {
        using var index = new TestIndex().Add("000", "夏坝镇开展普法").Refresh();

        index.Add("000", "夏坝镇开展禁毒宣传").Refresh();

        Assert.Empty(index.Ids("普法"));
        Assert.Equal(["000"], index.Ids("禁毒"));
        Assert.Equal(1, index.Search(null).Total);
    }

    [Fact]
    public void AfterALoadItsSegmentsAreMergedDownWhileSearchesGoOn()
    {
        using var index = new TestIndex();
        string[] towns = ["夏坝镇", "双龙镇", "丁宅乡", "开州区", "渝北区", "万州区", "涪陵区", "綦江区"];
        foreach (var town in towns)
        {
            index.Add(town, $"{town}开展普法").Index.Commit(); // one segment each
        }

        index.Refresh();
        Assert.True(index.Index.SegmentCount > 4, $"{index.Index.SegmentCount} segments before the merge");

        index.Index.FinishLoading(merge: true);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((index.Index.IsMerging || index.Index.SegmentCount > 4) && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            Assert.Equal(towns.Length, index.Search("普法").Total);
            Thread.Sleep(50);
        }

        Assert.InRange(index.Index.SegmentCount, 1, 4);
        Assert.Equal(towns.Order(), index.Ids("普法").Order());
    }

    [Fact]
    public void ReportTextComesBackExactlyFromEachSegmentWithItsMatchesMarked()
    {
        // Characters outside the basic plane (𡈽, 𠀋) are two UTF-16 units each: offsets after them must still land.
        const string first = "𡈽坝镇开展普法宣传。\n\t村(社区)法律顾问 Legal advisers：覆盖率100%。";
        const string second = "𠀋龙镇开展普法，重点人群普法全覆盖。";
        using var index = new TestIndex();
        index.Add("gone", "另一份报告也讲普法").Index.Commit();
        index.Add("a", first).Index.Commit();
        index.Add("b", second).Index.Delete("gone");
        index.Refresh();
        Assert.True(index.Searcher.TryReadQuery("普法", out var query, out _));

        var a = index.Searcher.Get("a", query)!;
        var b = index.Searcher.Get("b", query)!;

        Assert.Equal(first, a.Text);
        Assert.Equal(second, b.Text);
        Assert.Contains("𡈽坝镇开展<em>普法</em>宣传", a.HighlightedText);
        Assert.Equal("𠀋龙镇开展<em>普法</em>，重点人群<em>普法</em>全覆盖。", b.HighlightedText);
        var snippets = index.Search("普法").Hits.ToDictionary(h => h.Report.Id, h => string.Join("|", h.Snippets));
        Assert.Equal(["a", "b"], snippets.Keys.Order());
        Assert.Contains("<em>普法</em>", snippets["b"]);
    }

    [Fact]
    public void DeletedReportDisappearsFromResults()
    {
        using var index = new TestIndex().Add("000", "夏坝镇开展普法").Add("001", "双龙镇开展普法").Refresh();

        index.Index.Delete("000");
        index.Refresh();

        Assert.Equal(["001"], index.Ids("普法"));
    }

    [Fact]
    public void FileStatesSurviveReopening()
    {
        var folder = Directory.CreateTempSubdirectory("index-test-");
        try
        {
            var report = new Extraction.ExtractedReport { Title = "t", Text = "法治", Region = Extraction.Region.Unknown };
            using (var index = new ReportIndex(new ReportIndexOptions { Path = folder.FullName }))
            {
                index.Upsert(new ReportRecord("a/b", "/corpus/a/b.txt", "ABC123", 42, 638000000000000000, report));
            }

            using var reopened = new ReportIndex(new ReportIndexOptions { Path = folder.FullName });

            Assert.False(reopened.WasRebuilt);
            Assert.Equal(new IndexedFileState("/corpus/a/b.txt", "ABC123", 42, 638000000000000000), reopened.ReadFileStates()["a/b"]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void IndexOfAnotherSchemaVersionIsEmptiedForARebuild()
    {
        var folder = Directory.CreateTempSubdirectory("index-test-");
        try
        {
            using (var directory = FSDirectory.Open(folder))
            using (var writer = new IndexWriter(directory, new IndexWriterConfig(IndexSchema.MatchVersion, new WordAnalyzer())))
            {
                writer.AddDocument([new Lucene.Net.Documents.StringField(ReportFields.Id, "old", Lucene.Net.Documents.Field.Store.YES)]);
                writer.SetCommitData(new Dictionary<string, string> { ["schema"] = "0" });
                writer.Commit();
            }

            using var index = new ReportIndex(new ReportIndexOptions { Path = folder.FullName });

            Assert.True(index.WasRebuilt);
            Assert.Empty(index.ReadFileStates());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
