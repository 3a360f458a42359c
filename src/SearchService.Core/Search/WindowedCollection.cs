using Lucene.Net.Search;

namespace SearchService.Search;

/// <summary>
/// A collector that takes the reports a scorer matched in a window all at once, from a scorer that reads its
/// clauses in windows (<see cref="TermFormQuery"/>, <see cref="WindowedBooleanQuery"/>) or has them counted
/// (<see cref="MostWordsQuery"/>): a bit per report, each scored when asked. One report at a time, each hit costs
/// a call to move the scorer, one to collect and one to score it, and a common term at 200,000 reports has 100,000
/// hits and more.
/// </summary>
internal interface IWindowCollector : ICollector
{
    /// <summary>Whether the collector takes windows in the current segment; else reports are given one at a time.</summary>
    bool TakesWindows { get; }

    /// <summary>
    /// Collects the reports of the current segment matched in a window: bit i of <paramref name="matched"/> is report
    /// <paramref name="start"/> + i, and <paramref name="scores"/> scores each of them.
    /// </summary>
    void CollectWindow(int start, ReadOnlySpan<ulong> matched, IWindowedClause scores);
}

/// <summary>
/// Reads windowed clauses a window at a time, for their scorers and for collectors that take the windows whole
/// (<see cref="IWindowCollector"/>).
/// </summary>
internal static class WindowedCollection
{
    /// <summary>What reads <paramref name="scorer"/>'s matches in windows, or null when it gives them one at a time.</summary>
    public static IWindowedClause? WindowsOf(Scorer scorer) => scorer switch
    {
        TermFormQuery.WindowScorer form => form,
        WindowedBooleanQuery.WindowsScorer clauses => clauses.Clauses,
        MostWordsQuery.CountedScorer counted => counted,
        _ => null,
    };

    /// <summary>
    /// Reads <paramref name="windows"/> a window at a time from the first report at or after <paramref name="target"/>
    /// that may match, each window ending at <paramref name="to"/> at the latest, until one matches a report: returns
    /// its start, with its reports matched in <paramref name="matched"/> and their scores read, or
    /// <see cref="DocIdSetIterator.NO_MORE_DOCS"/> when none matches before <paramref name="to"/>.
    /// </summary>
    public static int ReadNextWindow(this IWindowedClause windows, int target, int to, out ReadOnlySpan<ulong> matched)
    {
        while (true)
        {
            var start = windows.FirstRequired(target);
            if (start >= to)
            {
                matched = [];
                return DocIdSetIterator.NO_MORE_DOCS;
            }

            var end = Math.Min(TermFormQuery.WindowScorer.WindowEnd(start), to);
            matched = windows.ReadRequired(start, end);
            if (matched.IndexOfAnyExcept(0UL) >= 0)
            {
                windows.ReadOptional();
                return start;
            }

            target = end;
        }
    }

    /// <summary>
    /// Collects the reports <paramref name="windows"/> matches in [<paramref name="from"/>, <paramref name="to"/>)
    /// of the current segment, in the windows the scorer itself reads, and releases what it holds.
    /// </summary>
    public static void Collect(IWindowedClause windows, int from, int to, IWindowCollector collector)
    {
        for (var start = windows.ReadNextWindow(from, to, out var matched); start < to;
            start = windows.ReadNextWindow(Math.Min(TermFormQuery.WindowScorer.WindowEnd(start), to), to, out matched))
        {
            collector.CollectWindow(start, matched, windows);
        }

        windows.Release();
    }
}
