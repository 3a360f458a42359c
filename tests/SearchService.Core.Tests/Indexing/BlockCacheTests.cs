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
    public void ABlockMissedOnceIsReadIntoTheReadersBufferAndOneMissedAgainIsKept()
    {
        var cache = new BlockCache(8 * BlockCache.BlockSize);
        using var handle = File.OpenHandle(_path);
        var file = cache.NewFile();
        byte[]? scratch = null;

        var first = Get(cache, file, 1, handle, ref scratch);
        Assert.Same(scratch, first);
        Assert.Equal(0, cache.Count);

        var kept = Get(cache, file, 1, handle, ref scratch);
        Assert.NotSame(scratch, kept);
        Assert.Same(kept, Get(cache, file, 1, handle, ref scratch));
        Assert.Equal(1, cache.Count);
        Assert.Equal(2, cache.Reads);
        Assert.Equal(3, cache.Lookups);
    }

    [Fact]
    public void ABlockHoldsItsPartOfTheFileAndTheLastOneOnlyWhatIsLeft()
    {
        var cache = new BlockCache(8 * BlockCache.BlockSize);
        using var handle = File.OpenHandle(_path);
        var file = cache.NewFile();

        foreach (var index in new[] { 1, 3 })
        {
            var expected = _bytes.AsSpan(index * BlockCache.BlockSize, BlockCache.BlockLength(index, _bytes.Length));
            Assert.True(expected.SequenceEqual(Get(cache, file, index, handle).AsSpan(0, expected.Length)));
            Assert.True(expected.SequenceEqual(Get(cache, file, index, handle)));
        }

        Assert.Equal(100, BlockCache.BlockLength(3, _bytes.Length));
    }

    [Fact]
    public void ABlockUsedAgainOutlastsOneReadOnce()
    {
        var cache = new BlockCache(2 * BlockCache.BlockSize);
        using var handle = File.OpenHandle(_path);
        var file = cache.NewFile();
        Keep(cache, file, 0, handle);
        Keep(cache, file, 1, handle);
        Get(cache, file, 0, handle); // used again: kept one more round

        Keep(cache, file, 2, handle); // full: one block must go
        var reads = cache.Reads;
        Get(cache, file, 0, handle);

        Assert.Equal(reads, cache.Reads);
        Assert.Equal(2, cache.Count);
        Get(cache, file, 1, handle);
        Assert.Equal(reads + 1, cache.Reads);
    }

    [Fact]
    public void AScanOfBlocksReadOnceLeavesTheKeptBlocksInPlace()
    {
        var cache = new BlockCache(2 * BlockCache.BlockSize);
        using var handle = File.OpenHandle(_path);
        var file = cache.NewFile();
        Keep(cache, file, 0, handle);
        Keep(cache, file, 1, handle);

        // A merge, or the postings of a rare term, read once from end to end.
        for (var scanned = 0; scanned < 10; scanned++)
        {
            var other = cache.NewFile();
            for (var index = 0; index < 4; index++)
            {
                Get(cache, other, index, handle);
            }
        }

        var reads = cache.Reads;
        Get(cache, file, 0, handle);
        Get(cache, file, 1, handle);
        Assert.Equal(reads, cache.Reads);
    }

    [Fact]
    public void FilesOpenedApartKeepApartBlocks()
    {
        var cache = new BlockCache(8 * BlockCache.BlockSize);
        using var handle = File.OpenHandle(_path);
        var first = cache.NewFile();
        var second = cache.NewFile();

        Keep(cache, first, 0, handle);
        Get(cache, second, 0, handle);

        Assert.Equal(1, cache.Count);
        Assert.Equal(3, cache.Reads);
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
            byte[]? scratch = null;
            for (var step = 0; step < 500; step++)
            {
                var index = random.Next(4);
                var length = BlockCache.BlockLength(index, _bytes.Length);
                var block = Get(cache, file, index, handle, ref scratch);
                Assert.True(_bytes.AsSpan(index * BlockCache.BlockSize, length).SequenceEqual(block.AsSpan(0, length)));
            }
        });

        Assert.InRange(cache.Count, 1, 2);
    }

    public void Dispose() => File.Delete(_path);

    private byte[] Get(BlockCache cache, long file, long index, SafeFileHandle handle)
    {
        byte[]? scratch = null;
        return Get(cache, file, index, handle, ref scratch);
    }

    private byte[] Get(BlockCache cache, long file, long index, SafeFileHandle handle, ref byte[]? scratch) =>
        cache.Get(file, index, handle, _bytes.Length, "test file", ref scratch);

    /// <summary>Misses the block twice, so that the cache keeps it.</summary>
    private void Keep(BlockCache cache, long file, long index, SafeFileHandle handle)
    {
        Get(cache, file, index, handle);
        Get(cache, file, index, handle);
    }
}
