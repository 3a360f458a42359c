using Lucene.Net.Store;

namespace SearchService.Indexing;

public sealed class PositionalReadDirectoryTests : IDisposable
{
    private readonly DirectoryInfo _folder = System.IO.Directory.CreateTempSubdirectory("positional-read-");
    private readonly PositionalReadDirectory _directory;

    public PositionalReadDirectoryTests() => _directory = new PositionalReadDirectory(_folder);

    [Fact]
    public void ClonesReadTheBytesWrittenAtAnyPositionEachAtItsOwn()
    {
        var bytes = Write("_0.pos", 70_000, seed: 1);
        using var input = _directory.OpenInput("_0.pos", IOContext.READ);
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
        using var input = _directory.OpenInput("_0.doc", IOContext.READ);

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
    public void ASliceReadsOnlyItsPartOfTheFile()
    {
        var bytes = Write("_0.cfs", 20_000, seed: 4);
        using var slicer = _directory.CreateSlicer("_0.cfs", IOContext.READ);
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
        using var input = _directory.OpenInput("_1.fdt", IOContext.READ);
        input.Seek(90);

        var error = Assert.Throws<EndOfStreamException>(() => input.ReadBytes(new byte[20], 0, 20));
        Assert.Contains("_1.fdt", error.Message);
    }

    [Fact]
    public void ClosingACloneLeavesTheFileOpenForTheOthers()
    {
        var bytes = Write("_2.tip", 5_000, seed: 6);
        using var input = _directory.OpenInput("_2.tip", IOContext.READ);
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
        _directory.Dispose();
        _folder.Delete(recursive: true);
    }

    private byte[] Write(string name, int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        using var output = _directory.CreateOutput(name, IOContext.DEFAULT);
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
