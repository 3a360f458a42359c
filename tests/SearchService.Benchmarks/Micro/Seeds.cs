using SearchService.Benchmarks.E2e;

namespace SearchService.Benchmarks.Micro;

/// <summary>The repository's seed reports: real texts, small enough to load in every benchmark process.</summary>
internal static class Seeds
{
    private static readonly Lazy<(string Path, byte[] Content)[]> Files = new(() =>
        Directory.GetFiles(Path.Combine(RepositoryLayout.Find().Root, "seeds"), "*.txt")
            .Order(StringComparer.Ordinal)
            .Select(path => (path, File.ReadAllBytes(path)))
            .ToArray());

    public static IReadOnlyList<(string Path, byte[] Content)> Raw => Files.Value;
}
