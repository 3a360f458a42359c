namespace SearchService.Search;

public sealed class PhrasePostingsCacheTests
{
    private static PhrasePostingsCache.Postings Of(int reports) => new(Enumerable.Range(0, reports).ToArray(), Enumerable.Repeat(1, reports).ToArray());

    [Fact]
    public void OverCapacityTheListsUsedLeastRecentlyArePutOut()
    {
        var (a, b, c) = (Of(100), Of(100), Of(100));
        var segment = new object();
        var cache = new PhrasePostingsCache(capacityBytes: a.Bytes * 2 + b.Bytes * 2);
        cache.Add(segment, "body_tri:法治政@0 府建设@3", a);
        cache.Add(segment, "body_tri:规范性@0 性文件@2", b);
        cache.Add(segment, "body_tri:行政执@0 执法@3", Of(100));
        cache.Get(segment, "body_tri:法治政@0 府建设@3"); // used after the other two

        cache.Add(segment, "body_tri:合法性@0 审查@3", c);
        cache.Add(new object(), "body_tri:合法性@0 审查@3", Of(100));

        Assert.True(cache.Bytes <= a.Bytes * 4);
        Assert.Same(a, cache.Get(segment, "body_tri:法治政@0 府建设@3"));
        Assert.Same(c, cache.Get(segment, "body_tri:合法性@0 审查@3"));
        Assert.Null(cache.Get(segment, "body_tri:规范性@0 性文件@2"));
    }

    [Fact]
    public void AListTakingMoreThanAQuarterOfTheCapacityIsNotKept()
    {
        var cache = new PhrasePostingsCache(capacityBytes: Of(100).Bytes * 3);

        cache.Add(new object(), "body_tri:法治政@0 府建设@3", Of(100));

        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Bytes);
    }

    [Fact]
    public void APhraseCountsAsSearchedBeforeFromItsSecondSearchOn()
    {
        var cache = new PhrasePostingsCache(1 << 20);

        Assert.False(cache.SearchedBefore("body_tri:法治政@0 府建设@3"));
        Assert.True(cache.SearchedBefore("body_tri:法治政@0 府建设@3"));
        Assert.False(cache.SearchedBefore("title_tri:法治政@0 府建设@3"));
    }
}
