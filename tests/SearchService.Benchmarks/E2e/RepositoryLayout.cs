using System.Reflection;

namespace SearchService.Benchmarks.E2e;

/// <summary>The repository root (the folder of SearchService.sln) and the shared benchmark inputs beside it.</summary>
internal sealed class RepositoryLayout
{
    private RepositoryLayout(string root)
    {
        Root = root;
        Shared = Path.GetFullPath(Path.Combine(root, "..", "shared"));
    }

    public string Root { get; }
    public string Shared { get; }
    public string MakeCorpus => Path.Combine(Shared, "bench", "make_corpus.py");
    public string Queries => Path.Combine(Shared, "bench", "queries.tsv");
    public string PeerScript => Path.Combine(Shared, "peers", "lucene-java", "run.sh");

    /// <summary>The service as built alongside this program, in the same configuration.</summary>
    public string ServiceDll
    {
        get
        {
            var configuration = typeof(RepositoryLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
            return Path.Combine(Root, "src", "SearchService.Api", "bin", configuration, "net10.0", "SearchService.Api.dll");
        }
    }

    public static RepositoryLayout Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SearchService.sln")))
                {
                    return new RepositoryLayout(dir.FullName);
                }
            }
        }

        throw new InvalidOperationException("SearchService.sln not found above the working directory or this program.");
    }
}
