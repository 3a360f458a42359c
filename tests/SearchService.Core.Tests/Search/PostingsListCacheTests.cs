using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using SearchService.Indexing;

namespace SearchService.Search;

public sealed class PostingsListCacheTests : IDisposable
{
    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;

    public PostingsListCacheTests()
    {
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(IndexSchema.MatchVersion, new KeywordAnalyzer())))
        {
            foreach (var town in new[] { "夏坝镇", "双龙镇" })
            {
                writer.AddDocument([new StringField("town", town, Field.Store.NO)]);
                writer.Commit(); // a segment each
            }
        }

        _reader = DirectoryReader.Open(_directory);
    }

    private AtomicReader First => _reader.Leaves[0].AtomicReader;

    private AtomicReader Second => _reader.Leaves[1].AtomicReader;

    private static PostingsListCache.Postings Of(int reports) => new(Enumerable.Range(0, reports).ToArray(), Enumerable.Repeat(1, reports).ToArray());

    [Fact]
    public void OverCapacityTheListsUsedLeastRecentlyArePutOut()
    {
        var (a, b, c) = (Of(100), Of(100), Of(100));
        var cache = new PostingsListCache(capacityBytes: a.Bytes * 4);
        cache.Add(First, "body_tri:法治政@0 府建设@3", a);
        cache.Add(First, "body_tri:规范性@0 性文件@2", b);
        cache.Add(First, "body_tri:行政执@0 执法@3", Of(100));
        cache.Get(First, "body_tri:法治政@0 府建设@3"); // used after the other two

        cache.Add(First, "body_tri:合法性@0 审查@3", c);
        cache.Add(Second, "body_tri:合法性@0 审查@3", Of(100));

        Assert.True(cache.Bytes <= a.Bytes * 4);
        Assert.Same(a, cache.Get(First, "body_tri:法治政@0 府建设@3"));
        Assert.Same(c, cache.Get(First, "body_tri:合法性@0 审查@3"));
        Assert.Null(cache.Get(First, "body_tri:规范性@0 性文件@2"));
    }

    [Fact]
    public void AListTakingMoreThanAQuarterOfTheCapacityIsNotKept()
    {
        var cache = new PostingsListCache(capacityBytes: Of(100).Bytes * 3);

        cache.Add(First, "body_tri:法治政@0 府建设@3", Of(100));

        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Bytes);
    }

    [Fact]
    public void AListIsBuiltOnlyWhereEnoughReportsHoldThePhraseAndTheListWouldBeKept()
    {
        var cache = new PostingsListCache(capacityBytes: Of(100).Bytes * 4, minReports: 10);

        Assert.Equal([false, true, true, false], new[] { 9, 10, 100, 101 }.Select(reports => cache.Admits("body_four:法治政府", reports)));
    }

    [Fact]
    public void OnceFullANewListIsKeptOnlyInPlaceOfTheOldestIfSearchedMoreOftenThanIt()
    {
        var cache = new PostingsListCache(capacityBytes: Of(100).Bytes * 4, minReports: 10);
        foreach (var term in new[] { "body_four:法治政府", "body_four:依法行政", "body_four:行政复议", "body_four:法律顾问" })
        {
            cache.SearchedBefore(term);
            cache.SearchedBefore(term);
            cache.Add(First, term, Of(100));
        }

        cache.Get(First, "body_four:法治政府"); // the oldest is now 依法行政, searched twice
        cache.SearchedBefore("body_four:积分制度");
        cache.SearchedBefore("body_four:积分制度");
        var asOften = cache.Admits("body_four:积分制度", 100);
        cache.SearchedBefore("body_four:积分制度");

        Assert.False(asOften);
        Assert.True(cache.Admits("body_four:积分制度", 100));
    }

    [Fact]
    public void ASegmentsListsGoWhenTheSegmentIsClosed()
    {
        var cache = new PostingsListCache(1 << 20);
        cache.Add(First, "body_tri:法治政@0 府建设@3", Of(100));
        cache.Add(Second, "body_tri:法治政@0 府建设@3", Of(50));
        cache.Add(Second, "title_tri:法治政@0 府建设@3", Of(10));
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(IndexSchema.MatchVersion, new KeywordAnalyzer())))
        {
            writer.AddDocument([new StringField("town", "丁宅乡", Field.Store.NO)]);
        }

        using var reopened = DirectoryReader.OpenIfChanged(_reader)!; // shares the two segments: closing one reader closes neither

        _reader.Dispose();
        var whileShared = cache.Count;
        reopened.Dispose();

        Assert.Equal(3, whileShared);
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Bytes);
    }

    [Fact]
    public void APhraseCountsAsSearchedBeforeFromItsSecondSearchOn()
    {
        var cache = new PostingsListCache(1 << 20);

        Assert.False(cache.SearchedBefore("body_tri:法治政@0 府建设@3"));
        Assert.True(cache.SearchedBefore("body_tri:法治政@0 府建设@3"));
        Assert.False(cache.SearchedBefore("title_tri:法治政@0 府建设@3"));
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }
}
