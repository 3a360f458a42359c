namespace SearchService.Api.Ingestion;

/// <summary>A file in a corpus folder; its id is its path relative to the folder, without extension.</summary>
public sealed record CorpusFile(string Root, string FullPath)
{
    private static readonly HashSet<string> Supported = new(StringComparer.OrdinalIgnoreCase) { ".txt", ".html", ".htm" };

    public string Id { get; } = IdOf(Root, FullPath);

    public static bool IsReport(string path)
    {
        var name = Path.GetFileName(path);
        return Supported.Contains(Path.GetExtension(path)) && !name.StartsWith('.') && !name.StartsWith("~$", StringComparison.Ordinal);
    }

    private static string IdOf(string root, string fullPath)
    {
        var relative = Path.GetRelativePath(root, fullPath);
        var withoutExtension = Path.Combine(Path.GetDirectoryName(relative) ?? "", Path.GetFileNameWithoutExtension(relative));
        return withoutExtension.Replace(Path.DirectorySeparatorChar, '/');
    }
}
