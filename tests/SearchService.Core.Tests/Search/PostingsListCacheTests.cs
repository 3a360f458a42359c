using CsCheck;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
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
    public void AFieldsLengthsByReportAreKeptWhileTheTableIsTheSameAndMadeAgainWhenItChanges()
    {
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(IndexSchema.MatchVersion, new WhitespaceAnalyzer(IndexSchema.MatchVersion)) { Similarity = new ReportSimilarity() }))
        {
            writer.AddDocument([new TextField("body", "法治", Field.Store.NO)]);
            writer.AddDocument([new TextField("body", "法治 政府 建设 依法 行政 法律 顾问 普法", Field.Store.NO)]);
        }

        using var reader = DirectoryReader.Open(directory);
        var segment = reader.Leaves[0].AtomicReader;
        var cache = new PostingsListCache(1 << 20);
        var table = Enumerable.Range(0, 256).Select(norm => 1f + norm).ToArray();

        var first = cache.LengthsByReport(segment, "body", table);
        var again = cache.LengthsByReport(segment, "body", [.. table]);
        var longer = cache.LengthsByReport(segment, "body", [.. table.Select(length => length * 2)]);

        Assert.NotEqual(first[0], first[1]); // each report's own norm
        Assert.Same(first, again);
        Assert.Equal(first.Select(length => length * 2), longer);
    }

    [Fact]
    public void APhraseCountsAsSearchedBeforeFromItsSecondSearchOn()
    {
        var cache = new PostingsListCache(1 << 20);

        Assert.False(cache.SearchedBefore("body_tri:法治政@0 府建设@3"));
        Assert.True(cache.SearchedBefore("body_tri:法治政@0 府建设@3"));
        Assert.False(cache.SearchedBefore("title_tri:法治政@0 府建设@3"));
    }

    [Fact]
    public void AListReadInAPartGivesItsLiveReportsWithTheirScoresMovedOneByOneOrAddedWindowByWindow()
    {
        var scoring = new TermScoring(2.2f, Enumerable.Range(0, 256).Select(norm => 0.5f + (norm / 100f)).ToArray());
        // A segment with deleted reports, or without (no live reports to ask).
        Gen.Select(Gen.Int[0, 199].HashSet[0, 80], Gen.Bool.Array[200], Gen.Bool, Gen.Int[0, 200], Gen.Int[0, 200], Gen.Int[1, 50]).Sample((held, alive, deletions, a, b, window) =>
        {
            var docs = held.Order().ToArray();
            var list = new PostingsListCache.Postings(docs, docs.Select(d => 1 + (d % 7)).ToArray(), docs.Select(d => (byte)(d * 37 % 256)).ToArray());
            FixedBitSet? live = null;
            if (deletions)
            {
                live = new FixedBitSet(200);
                foreach (var doc in Enumerable.Range(0, 200).Where(d => alive[d]))
                {
                    live.Set(doc);
                }
            }
            else
            {
                Array.Fill(alive, true);
            }

            // The part's range is the searching loop's to keep; its accepted reports are the live ones.
            var part = new DocRangeBits(live, 200, Math.Min(a, b), Math.Max(a, b));
            var expected = docs.Select((doc, i) => (doc, i)).Where(p => alive[p.doc])
                .Select(p => (p.doc, scoring.Score(list.Frequencies[p.i], list.Norms![p.i]))).ToList();

            var moved = new List<(int, float)>();
            var listed = list.Read(part);
            for (var doc = listed.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = listed.NextDoc())
            {
                moved.Add((doc, scoring.Score(listed.Freq, listed.Norm)));
            }

            var added = new List<(int, float)>();
            listed = list.Read(part);
            for (var start = 0; start < 200; start += window)
            {
                listed.AddUntil(start, start + window, scoring, new Sink(added));
                var next = expected.Select(e => e.doc).Where(doc => doc >= start + window).DefaultIfEmpty(DocIdSetIterator.NO_MORE_DOCS).First();
                Assert.Equal(next, listed.DocID); // left on the first report after the window
            }

            Assert.Equal(expected, moved);
            Assert.Equal(expected, added);
        }, iter: 300);
    }

    private readonly struct Sink(List<(int, float)> into) : IScoreSink
    {
        public void Add(int doc, float score) => into.Add((doc, score));
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }
}
