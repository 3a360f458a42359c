using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using SearchService.Analysis;

namespace SearchService.Indexing;

/// <summary>Reads through a block cache four blocks large, so the tests' files keep evicting blocks as they are read.</summary>
public sealed class CachedPositionalReadDirectoryTests() : PositionalReadDirectoryTests(new BlockCache(4 * BlockCache.BlockSize))
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void MergesReadPastTheCacheWhetherSearchesHaveTheSegmentsOpenOrNot(bool searched)
    {
        string[] towns = ["夏坝镇", "双龙镇", "丁宅乡"];
        using var analyzer = new BigramAnalyzer();
        using var writer = new IndexWriter(Directory, new IndexWriterConfig(IndexSchema.MatchVersion, analyzer) { MergeScheduler = new UncachedMergeScheduler() });
        foreach (var town in towns)
        {
            for (var i = 0; i < 300; i++)
            {
                writer.AddDocument([new TextField("body", $"{town}第{i}村开展普法宣传，聘请法律顾问", Field.Store.YES)]);
            }

            writer.Commit(); // a segment per town
        }

        var query = new PhraseQuery { new Term("body", "普法"), new Term("body", "法宣") };
        // Searched, the writer pools the segments' readers (files opened to be read) and merges through them;
        // otherwise it opens them for the merge.
        using (var reader = searched ? DirectoryReader.Open(writer, applyAllDeletes: true) : null)
        {
            if (reader is not null)
            {
                Assert.Equal(900, new IndexSearcher(reader).Search(query, 1).TotalHits);
                Assert.True(Cache!.Lookups > 0);
            }

            var before = (Cache!.Lookups, Cache.Reads, Cache.Count);

            writer.ForceMerge(1);

            Assert.Equal(before, (Cache.Lookups, Cache.Reads, Cache.Count));
        }

        using var merged = DirectoryReader.Open(writer, applyAllDeletes: true);
        Assert.Single(merged.Leaves);
        Assert.Equal(900, new IndexSearcher(merged).Search(query, 1).TotalHits);
        Assert.Equal("双龙镇第0村开展普法宣传，聘请法律顾问", merged.Document(300).Get("body"));
    }
}

/// <summary>Reads with no cache, through buffers of its own.</summary>
public class PositionalReadDirectoryTests : IDisposable
{
    private readonly DirectoryInfo _folder = System.IO.Directory.CreateTempSubdirectory("positional-read-");

    public PositionalReadDirectoryTests()
        : this(cache: null)
    {
    }

    private protected PositionalReadDirectoryTests(BlockCache? cache)
    {
        Cache = cache;
        Directory = new PositionalReadDirectory(_folder, cache);
    }

    private protected BlockCache? Cache { get; }

    private protected PositionalReadDirectory Directory { get; }

    [Fact]
    public void ClonesReadTheBytesWrittenAtAnyPositionEachAtItsOwn()
    {
        var bytes = Write("_0.pos", 70_000, seed: 1);
        using var input = Directory.OpenInput("_0.pos", IOContext.READ);
        var random = new Random(2);
        var clones = Enumerable.Range(0, 3).Select(_ => (IndexInput)input.Clone()).ToArray();

        for (var step = 0; step < 500; step++)
        {
            // Interleaved reads of clones at distant positions: none may move another.
            var clone = clones[random.Next(clones.Length)];
            var at = random.Next(bytes.Length);
            var count = Math.Min(random.Next(1, 9000), bytes.Length - at);
            clone.Seek(at);
            var read = new byte[count];
            clone.ReadBytes(read, 0, count);
            Assert.True(bytes.AsSpan(at, count).SequenceEqual(read), $"{count} bytes at {at}");
            if (at + count < bytes.Length)
            {
                Assert.Equal(bytes[at + count], clone.ReadByte());
            }
        }
    }

    [Fact]
    public void ClonesReadOnTwoThreadsAtOnceGetTheirOwnBytes()
    {
        var bytes = Write("_0.doc", 200_000, seed: 3);
        using var input = Directory.OpenInput("_0.doc", IOContext.READ);

        Parallel.For(0, 4, worker =>
        {
            var clone = (IndexInput)input.Clone();
            var random = new Random(worker);
            for (var step = 0; step < 2000; step++)
            {
                var at = random.Next(bytes.Length - 8);
                clone.Seek(at);
                Assert.Equal(BitConverter.ToInt64(bytes, at), ReadLong(clone));
            }
        });
    }

    [Fact]
    public void TypedValuesReadBackWhereverReadsStartStopAndGrow()
    {
        // Values of every width Lucene reads, written in order; then runs of them read back from random starts,
        // some runs long enough for the reads to grow, some starting a short skip past where the last run stopped.
        var random = new Random(7);
        var values = new List<(int Kind, long Value, long Position)>();
        using (var output = Directory.CreateOutput("_3.pos", IOContext.DEFAULT))
        {
            for (var i = 0; i < 60_000; i++)
            {
                var kind = random.Next(6);
                long value = kind switch
                {
                    0 => random.Next(256),
                    1 => (short)random.Next(),
                    2 => random.Next(int.MinValue, int.MaxValue),
                    3 => random.NextInt64(long.MinValue, long.MaxValue),
                    4 => random.Next() >> random.Next(31),
                    _ => random.NextInt64(long.MaxValue) >> random.Next(63),
                };
                values.Add((kind, value, output.Position));
                switch (kind)
                {
                    case 0: output.WriteByte((byte)value); break;
                    case 1: output.WriteInt16((short)value); break;
                    case 2: output.WriteInt32((int)value); break;
                    case 3: output.WriteInt64(value); break;
                    case 4: output.WriteVInt32((int)value); break;
                    default: output.WriteVInt64(value); break;
                }
            }
        }

        using var input = Directory.OpenInput("_3.pos", IOContext.READ);
        var next = 0;
        for (var run = 0; run < 300; run++)
        {
            next = random.Next(3) == 0 ? Math.Min(next + random.Next(1, 40), values.Count - 1) : random.Next(values.Count);
            input.Seek(values[next].Position);
            for (var end = Math.Min(values.Count, next + random.Next(1, 5_000)); next < end; next++)
            {
                var (kind, expected, position) = values[next];
                Assert.Equal(position, input.Position);
                long actual = kind switch
                {
                    0 => input.ReadByte(),
                    1 => input.ReadInt16(),
                    2 => input.ReadInt32(),
                    3 => input.ReadInt64(),
                    4 => input.ReadVInt32(),
                    _ => input.ReadVInt64(),
                };
                Assert.True(expected == actual, $"value {next} (kind {kind}) at {position}: {expected} expected, {actual} read");
            }
        }
    }

    [Fact]
    public void ASliceReadsOnlyItsPartOfTheFile()
    {
        var bytes = Write("_0.cfs", 20_000, seed: 4);
        using var slicer = Directory.CreateSlicer("_0.cfs", IOContext.READ);
        using var slice = slicer.OpenSlice("_0_Lucene41_0.tim", 5_000, 6_000);

        var read = new byte[6_000];
        slice.ReadBytes(read, 0, read.Length);

        Assert.Equal(6_000, slice.Length);
        Assert.True(bytes.AsSpan(5_000, 6_000).SequenceEqual(read));
        slice.Seek(5_999);
        Assert.Equal(bytes[10_999], slice.ReadByte());
        Assert.Throws<EndOfStreamException>(() => slice.ReadByte());
    }

    [Fact]
    public void ReadingPastTheEndFailsWithTheFileNamed()
    {
        Write("_1.fdt", 100, seed: 5);
        using var input = Directory.OpenInput("_1.fdt", IOContext.READ);
        input.Seek(90);

        var error = Assert.Throws<EndOfStreamException>(() => input.ReadBytes(new byte[20], 0, 20));
        Assert.Contains("_1.fdt", error.Message);
    }

    [Fact]
    public void ClosingACloneLeavesTheFileOpenForTheOthers()
    {
        var bytes = Write("_2.tip", 5_000, seed: 6);
        using var input = Directory.OpenInput("_2.tip", IOContext.READ);
        using (var clone = (IndexInput)input.Clone())
        {
            clone.Seek(10);
            clone.ReadByte();
        }

        input.Seek(4_000);
        Assert.Equal(bytes[4_000], input.ReadByte());
    }

    public void Dispose()
    {
        Directory.Dispose();
        _folder.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }

    private byte[] Write(string name, int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        using var output = Directory.CreateOutput(name, IOContext.DEFAULT);
        output.WriteBytes(bytes, bytes.Length);
        return bytes;
    }

    private static long ReadLong(IndexInput input)
    {
        var bytes = new byte[8];
        input.ReadBytes(bytes, 0, 8);
        return BitConverter.ToInt64(bytes);
    }
}
