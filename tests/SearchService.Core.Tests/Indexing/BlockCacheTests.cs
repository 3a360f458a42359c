using CsCheck;
using Microsoft.Win32.SafeHandles;

namespace SearchService.Indexing;

public sealed class BlockCacheTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();
    private readonly byte[] _bytes = new byte[3 * BlockCache.BlockSize + 100];
    private readonly SafeFileHandle _handle;

    public BlockCacheTests()
    {
        new Random(9).NextBytes(_bytes);
        File.WriteAllBytes(_path, _bytes);
        _handle = File.OpenHandle(_path);
    }

    [Fact]
    public void ABlockMissedOnceIsReadIntoTheReadersBufferAndOneMissedAgainIsKept()
    {
        var cache = new BlockCache(8 * BlockCache.BlockSize);
        var file = cache.NewFile();
        byte[]? scratch = null;

        var first = Get(cache, file, 1, ref scratch);
        Assert.Same(scratch, first);
        Assert.Equal(0, cache.Count);

        var kept = Get(cache, file, 1, ref scratch);
        Assert.NotSame(scratch, kept);
        Assert.Same(kept, Get(cache, file, 1, ref scratch));
        Assert.Equal(1, cache.Count);
        Assert.Equal(2, cache.Reads);
        Assert.Equal(3, cache.Lookups);
    }

    [Fact]
    public void AMergesReadsUseHeldBlocksButAreNeitherCountedNorKept()
    {
        var cache = new BlockCache(8 * BlockCache.BlockSize);
        var file = cache.NewFile();
        byte[]? scratch = null;
        Get(cache, file, 0, ref scratch);
        var held = Get(cache, file, 0, ref scratch); // missed twice: kept

        BlockCache.Merging(() =>
        {
            Assert.Same(held, Get(cache, file, 0, ref scratch));
            for (var i = 0; i < 3; i++)
            {
                Assert.Same(scratch, Get(cache, file, 1, ref scratch));
                Assert.True(_bytes.AsSpan(BlockCache.BlockSize, BlockCache.BlockSize).SequenceEqual(scratch));
            }
        });

        Assert.Equal((1, 2L, 2L), (cache.Count, cache.Lookups, cache.Reads));
        Assert.Same(scratch, Get(cache, file, 1, ref scratch)); // a search's first miss: the merge's reads did not count
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void ABlockHoldsItsPartOfTheFileAndTheLastOneOnlyWhatIsLeft()
    {
        var cache = new BlockCache(8 * BlockCache.BlockSize);
        var file = cache.NewFile();

        foreach (var index in new[] { 1, 3 })
        {
            var expected = _bytes.AsSpan(index * BlockCache.BlockSize, BlockCache.BlockLength(index, _bytes.Length));
            Assert.True(expected.SequenceEqual(Get(cache, file, index).AsSpan(0, expected.Length)));
            Assert.True(expected.SequenceEqual(Get(cache, file, index)));
        }

        Assert.Equal(100, BlockCache.BlockLength(3, _bytes.Length));
    }

    [Fact]
    public void ABlockUsedAgainOutlastsOneReadOnce()
    {
        var cache = FullCache(out var file);
        Get(cache, file, 0); // used again: kept one more round

        // Full: a block asked for more often than the one the clock points at takes its place.
        Keep(cache, file, 2);
        Get(cache, file, 2);

        Assert.True(Held(cache, file, 0));
        Assert.Equal(2, cache.Count);
        Assert.False(Held(cache, file, 1));
    }

    [Fact]
    public void AScanOfBlocksReadOnceLeavesTheKeptBlocksInPlace()
    {
        var cache = FullCache(out var file);

        // A merge, or the postings of a rare term, read once from end to end.
        for (var scanned = 0; scanned < 10; scanned++)
        {
            var other = cache.NewFile();
            for (var index = 0; index < 4; index++)
            {
                Get(cache, other, index);
            }
        }

        Assert.True(Held(cache, file, 0, 1));
    }

    [Fact]
    public void AFullCacheKeepsItsBlocksWhileOthersAreAskedForNoMoreOftenThanThey()
    {
        var cache = FullCache(out var file);

        // Searches going through more blocks than fit, each block missed twice, as the two held were (all before a
        // two-place cache's counts first age, at its twentieth look-up).
        var other = cache.NewFile();
        for (var index = 0; index < 3; index++)
        {
            Get(cache, other, index);
            Get(cache, other, index);
        }

        Assert.True(Held(cache, file, 0, 1));
        Assert.False(Held(cache, other, 0));
    }

    [Fact]
    public void ABlockAskedForOftenTakesThePlaceOfOneAskedForLess()
    {
        var cache = FullCache(out var file);
        for (var time = 0; time < 5; time++)
        {
            Get(cache, file, 0);
            Get(cache, file, 2);
        }

        Assert.True(Held(cache, file, 0, 2));
        Assert.False(Held(cache, file, 1));
    }

    [Fact]
    public void ABlockAskedForOftenLongAgoGivesWayToOneAskedForNow()
    {
        // One place: without ageing, block 0's count of 15 could never be beaten and block 1 would never be kept.
        var cache = new BlockCache(BlockCache.BlockSize);
        var file = cache.NewFile();
        for (var time = 0; time < 15; time++)
        {
            Get(cache, file, 0);
        }

        for (var time = 0; time < 15; time++)
        {
            Get(cache, file, 1);
        }

        Assert.True(Held(cache, file, 1));
        Assert.False(Held(cache, file, 0));
    }

    [Fact]
    public void FilesOpenedApartKeepApartBlocks()
    {
        var cache = new BlockCache(8 * BlockCache.BlockSize);
        var first = cache.NewFile();
        var second = cache.NewFile();

        Keep(cache, first, 0);
        Get(cache, second, 0);

        Assert.Equal(1, cache.Count);
        Assert.Equal(3, cache.Reads);
    }

    [Fact]
    public void AnyOrderOfReadsThroughASmallCacheGetsTheFilesBytesAndHoldsNoMoreThanItsRoom()
    {
        // Reads of two files opened apart (the same bytes on disk) in any order: kept or not, every block is the file's.
        Gen.Select(Gen.Int[0, 1], Gen.Int[0, 3]).Array[1, 200].Sample(reads =>
        {
            var cache = new BlockCache(2 * BlockCache.BlockSize);
            long[] files = [cache.NewFile(), cache.NewFile()];
            byte[]? scratch = null;
            foreach (var (file, index) in reads)
            {
                var length = BlockCache.BlockLength(index, _bytes.Length);
                var block = Get(cache, files[file], index, ref scratch);
                Assert.True(_bytes.AsSpan(index * BlockCache.BlockSize, length).SequenceEqual(block.AsSpan(0, length)));
                Assert.InRange(cache.Count, 0, 2);
            }
        });
    }

    [Fact]
    public void ManyThreadsReadingAFileThroughASmallCacheAllGetItsBytes()
    {
        var cache = new BlockCache(2 * BlockCache.BlockSize);
        var file = cache.NewFile();

        Parallel.For(0, 8, worker =>
        {
            var random = new Random(worker);
            byte[]? scratch = null;
            for (var step = 0; step < 500; step++)
            {
                var index = random.Next(4);
                var length = BlockCache.BlockLength(index, _bytes.Length);
                var block = Get(cache, file, index, ref scratch);
                Assert.True(_bytes.AsSpan(index * BlockCache.BlockSize, length).SequenceEqual(block.AsSpan(0, length)));
            }
        });

        Assert.InRange(cache.Count, 1, 2);
    }

    public void Dispose()
    {
        _handle.Dispose();
        File.Delete(_path);
    }

    private byte[] Get(BlockCache cache, long file, long index)
    {
        byte[]? scratch = null;
        return Get(cache, file, index, ref scratch);
    }

    private byte[] Get(BlockCache cache, long file, long index, ref byte[]? scratch) =>
        cache.Get(file, index, _handle, _bytes.Length, "test file", ref scratch);

    /// <summary>A cache with room for two blocks, holding blocks 0 and 1 of <paramref name="file"/>.</summary>
    private BlockCache FullCache(out long file)
    {
        var cache = new BlockCache(2 * BlockCache.BlockSize);
        file = cache.NewFile();
        Keep(cache, file, 0);
        Keep(cache, file, 1);
        return cache;
    }

    /// <summary>Whether asking for these blocks read nothing from the file (asking counts as a use).</summary>
    private bool Held(BlockCache cache, long file, params long[] indexes)
    {
        var reads = cache.Reads;
        foreach (var index in indexes)
        {
            Get(cache, file, index);
        }

        return cache.Reads == reads;
    }

    /// <summary>Misses the block twice, so that the cache keeps it.</summary>
    private void Keep(BlockCache cache, long file, long index)
    {
        Get(cache, file, index);
        Get(cache, file, index);
    }
}
