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
