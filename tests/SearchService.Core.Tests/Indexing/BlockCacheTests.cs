using Microsoft.Win32.SafeHandles;

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

        var second = Get(cache, file, 1, handle);
        var last = Get(cache, file, 3, handle);

        Assert.True(_bytes.AsSpan(BlockCache.BlockSize, BlockCache.BlockSize).SequenceEqual(second.Data));
        Assert.True(_bytes.AsSpan(3 * BlockCache.BlockSize).SequenceEqual(last.Data));
        Assert.Same(second, Get(cache, file, 1, handle));
        Assert.Equal(2, cache.Reads);
    }

    [Fact]
    public void ABlockUsedAgainOutlastsOneReadOnce()
    {
        var cache = new BlockCache(2 * BlockCache.BlockSize);
        using var handle = File.OpenHandle(_path);
        var file = cache.NewFile();
        Get(cache, file, 0, handle);
        Get(cache, file, 1, handle);
        Get(cache, file, 0, handle); // used again: kept one more round

        Get(cache, file, 2, handle); // full: one block must go
        var reads = cache.Reads;
        Get(cache, file, 0, handle);

        Assert.Equal(reads, cache.Reads);
        Assert.Equal(2, cache.Count);
        Get(cache, file, 1, handle);
        Assert.Equal(reads + 1, cache.Reads);
    }

    [Fact]
    public void FilesOpenedApartKeepApartBlocks()
    {
        var cache = new BlockCache(8 * BlockCache.BlockSize);
        using var handle = File.OpenHandle(_path);

        Get(cache, cache.NewFile(), 0, handle);
        Get(cache, cache.NewFile(), 0, handle);

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
                var block = Get(cache, file, index, handle);
                Assert.True(_bytes.AsSpan(index * BlockCache.BlockSize, block.Data.Length).SequenceEqual(block.Data));
            }
        });

        Assert.True(cache.Count <= 2);
    }

    public void Dispose() => File.Delete(_path);

    private BlockCache.Block Get(BlockCache cache, long file, long index, SafeFileHandle handle) =>
        cache.Get(file, index, handle, _bytes.Length, "test file");
}
