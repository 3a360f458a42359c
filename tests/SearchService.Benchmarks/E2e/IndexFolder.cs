using Lucene.Net.Index;
using Lucene.Net.Store;

namespace SearchService.Benchmarks.E2e;

/// <summary>Size and segment count of an index folder, read after its writer has closed.</summary>
internal static class IndexFolder
{
    public static double SizeMb(string path) =>
        new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) / 1e6;

    public static int Segments(string path)
    {
        using var directory = FSDirectory.Open(path);
        var infos = new SegmentInfos();
        infos.Read(directory);
        return infos.Count;
    }
}
