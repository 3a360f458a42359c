namespace SearchService.Indexing;

public sealed class BlockCacheTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();
    private readonly byte[] _bytes = new byte[3 * BlockCache.BlockSize + 100];

    public BlockCacheTests()
    {
        new Random(9).NextBytes(_bytes);
        File.WriteAllBytes(_path, _bytes);
    }

    [Fact]
    public void ABlockHoldsItsPartOfTheFileAndTheLastOneOnlyWhatIsLeft()
    {
        var cache = new BlockCache(8 * BlockCache.BlockSize);
        using var handle = File.OpenHandle(_path);
        var file = cache.NewFile();

        var second = cache.Get(file, 1, handle, _bytes.Length, "test file");
        var last = cache.Get(file, 3, handle, _bytes.Length, "test file");

        Assert.True(_bytes.AsSpan(BlockCache.BlockSize, BlockCache.BlockSize).SequenceEqual(second.Data));
        Assert.True(_bytes.AsSpan(3 * BlockCache.BlockSize).SequenceEqual(last.Data));
        Assert.Same(second, cache.Get(file, 1, handle, _bytes.Length, "test file"));
        Assert.Equal(2, cache.Reads);
    }

    [Fact]
    public void ABlockUsedAgainOutlastsOneReadOnce()
    {
        var cache = new BlockCache(2 * BlockCache.BlockSize);
        using var handle = File.OpenHandle(_path);
        var file = cache.NewFile();
        cache.Get(file, 0, handle, _bytes.Length, "test file");
        cache.Get(file, 1, handle, _bytes.Length, "test file");
        cache.Get(file, 0, handle, _bytes.Length, "test file"); // used again: kept one more round

        cache.Get(file, 2, handle, _bytes.Length, "test file"); // full: one block must go
        var reads = cache.Reads;
        cache.Get(file, 0, handle, _bytes.Length, "test file");

        Assert.Equal(reads, cache.Reads);
        Assert.Equal(2, cache.Count);
        cache.Get(file, 1, handle, _bytes.Length, "test file");
        Assert.Equal(reads + 1, cache.Reads);
    }

    [Fact]
    public void FilesOpenedApartKeepApartBlocks()
    {
        var cache = new BlockCache(8 * BlockCache.BlockSize);
        using var handle = File.OpenHandle(_path);

        cache.Get(cache.NewFile(), 0, handle, _bytes.Length, "test file");
        cache.Get(cache.NewFile(), 0, handle, _bytes.Length, "test file");

        Assert.Equal(2, cache.Reads);
    }

    [Fact]
    public void ManyThreadsReadingAFileThroughASmallCacheAllGetItsBytes()
    {
        var cache = new BlockCache(2 * BlockCache.BlockSize);
        using var handle = File.OpenHandle(_path);
        var file = cache.NewFile();

        Parallel.For(0, 8, worker =>
        {
            var random = new Random(worker);
            for (var step = 0; step < 500; step++)
            {
                var index = random.Next(4);
                var block = cache.Get(file, index, handle, _bytes.Length, "test file");
                Assert.True(_bytes.AsSpan(index * BlockCache.BlockSize, block.Data.Length).SequenceEqual(block.Data));
            }
        });

        Assert.True(cache.Count <= 2);
    }

    public void Dispose() => File.Delete(_path);
}
