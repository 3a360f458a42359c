using System.Diagnostics;

namespace SearchService.Benchmarks.E2e;

/// <summary>
/// Reports added to the corpus while queries run, one a second, as a scraper drops them in: copies of the corpus's
/// own files in a folder of their own, removed again afterwards so the corpus stays what its manifest says.
/// </summary>
internal static class AddedReports
{
    private const string FolderName = "added-while-searching";

    /// <summary>Copies one report a second into the corpus for <paramref name="duration"/>; returns how many.</summary>
    public static async Task<int> AddAsync(string corpus, TimeSpan duration)
    {
        var folder = Directory.CreateDirectory(Path.Combine(corpus, FolderName)).FullName;
        var sources = Directory.EnumerateFiles(corpus)
            .Where(f => f.EndsWith(".txt", StringComparison.Ordinal) || f.EndsWith(".html", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Take((int)Math.Ceiling(duration.TotalSeconds));
        var clock = Stopwatch.StartNew();
        var added = 0;
        foreach (var source in sources)
        {
            if (clock.Elapsed >= duration)
            {
                break;
            }

            File.Copy(source, Path.Combine(folder, Path.GetFileName(source)));
            added++;
            if (TimeSpan.FromSeconds(added) - clock.Elapsed is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait);
            }
        }

        return added;
    }

    /// <summary>Removes the added reports, also those an interrupted run left behind.</summary>
    public static void Remove(string corpus)
    {
        var folder = Path.Combine(corpus, FolderName);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
