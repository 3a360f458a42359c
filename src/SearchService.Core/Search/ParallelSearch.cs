using System.Runtime.ExceptionServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SearchService.Search;

/// <summary>
/// Splits a search over a large index into parts of about equal numbers of reports, cutting segments where needed,
/// and searches the parts on idle cores at once. A common word over hundreds of thousands of reports scores every
/// one of them, and on one core the others stay idle while a researcher waits. A search is split only while every
/// search under way (each read of the index, from its query to its last snippet: <see cref="Begin"/>) can have a
/// core per part (<see cref="ReportIndexSearcher.PartsNow"/>), and its parts run at once; should the cores have
/// become busy meanwhile, one after another on the search's own thread, so no search waits for a thread.
/// </summary>
/// <param name="processors">Cores searches may use.</param>
/// <param name="minDocsPerPart">The fewest reports worth a part of their own: below it, splitting costs more than it saves.</param>
public sealed class ParallelSearch(int processors, int minDocsPerPart)
{
    private int _running;

    /// <summary>Every search in one part, on its own thread.</summary>
    public static ParallelSearch None { get; } = new(1, int.MaxValue);

    /// <summary>Counts a search as under way until the scope is disposed.</summary>
    internal Scope Begin()
    {
        Interlocked.Increment(ref _running);
        return new Scope(this);
    }

    /// <summary>The parts of <paramref name="reader"/>'s documents, in document order; one part when it is too small to split.</summary>
    internal DocRange[][] Split(IndexReader reader)
    {
        var count = (int)Math.Clamp(reader.MaxDoc / (long)minDocsPerPart, 1, Math.Max(1, processors));
        var parts = Enumerable.Range(0, count).Select(_ => new List<DocRange>()).ToArray();
        var perPart = (reader.MaxDoc + count - 1) / count;
        var part = 0;
        var room = perPart;
        foreach (var leaf in reader.Leaves)
        {
            for (var from = 0; from < leaf.AtomicReader.MaxDoc;)
            {
                var to = part == count - 1 ? leaf.AtomicReader.MaxDoc : Math.Min(leaf.AtomicReader.MaxDoc, from + room);
                parts[part].Add(new DocRange(leaf, from, to));
                room -= to - from;
                from = to;
                if (room == 0 && part < count - 1)
                {
                    (part, room) = (part + 1, perPart);
                }
            }
        }

        return [.. parts.Select(p => p.ToArray())];
    }

    /// <summary>Searches each part into its collector: at once when cores are idle, else in turn.</summary>
    internal void Run(Weight weight, DocRange[][] parts, IReadOnlyList<ICollector> collectors) =>
        Run(parts.Length, p => Collect(weight, parts[p], collectors[p]));

    /// <summary>Whether <paramref name="parts"/> parts of a search would each have a core now.</summary>
    /// <remarks>A search outside any read of the index (a benchmark's, a test's) is counted as alone.</remarks>
    internal bool Idle(int parts) => (long)Math.Max(1, Volatile.Read(ref _running)) * parts <= processors;

    /// <summary>Runs <paramref name="work"/> for parts 0 to <paramref name="count"/> - 1: at once when cores are idle, else in turn on this thread.</summary>
    internal void Run(int count, Action<int> work)
    {
        var idle = Idle(count);

        // Each thread takes the next part not yet taken, the search's own too: a helper the pool has not started
        // by then finds nothing left, and waiting on it runs it inline, so no search waits on a busy pool.
        var next = -1;
        void Work()
        {
            for (var p = Interlocked.Increment(ref next); p < count; p = Interlocked.Increment(ref next))
            {
                work(p);
            }
        }

        var helpers = new Task[idle ? count - 1 : 0];
        for (var h = 0; h < helpers.Length; h++)
        {
            helpers[h] = Task.Run(Work);
        }

        // What the parts write is the caller's: none may still run once this returns, failed or not.
        Exception? failed = null;
        try
        {
            Work();
        }
        catch (Exception e)
        {
            failed = e;
            Interlocked.Exchange(ref next, count);
        }

        foreach (var helper in helpers)
        {
            try
            {
                helper.GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                failed ??= e;
            }
        }

        if (failed is not null)
        {
            ExceptionDispatchInfo.Throw(failed);
        }
    }

    /// <summary>A search under way; disposing it ends it.</summary>
    internal readonly struct Scope(ParallelSearch owner) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref owner._running);
    }

    /// <summary>Searches every segment of <paramref name="leaves"/> whole into <paramref name="collector"/>, as one part.</summary>
    internal static void Collect(Weight weight, IList<AtomicReaderContext> leaves, ICollector collector) =>
        Collect(weight, [.. leaves.Select(leaf => new DocRange(leaf, 0, leaf.AtomicReader.MaxDoc))], collector);

    private static void Collect(Weight weight, DocRange[] ranges, ICollector collector)
    {
        foreach (var (leaf, from, to) in ranges)
        {
            collector.SetNextReader(leaf);
            var reader = leaf.AtomicReader;
            var whole = from == 0 && to == reader.MaxDoc;
            var windowed = collector is IWindowCollector { TakesWindows: true };
            if (whole && !windowed)
            {
                weight.GetBulkScorer(leaf, scoreDocsInOrder: true, reader.LiveDocs)?.Score(collector);
                continue;
            }

            if (weight.GetScorer(leaf, whole ? reader.LiveDocs : new DocRangeBits(reader.LiveDocs, reader.MaxDoc, from, to)) is not { } scorer)
            {
                continue;
            }

            collector.SetScorer(scorer);
            if (windowed && WindowedCollection.WindowsOf(scorer) is { } windows)
            {
                WindowedCollection.Collect(windows, from, to, (IWindowCollector)collector);
                continue;
            }

            for (var doc = scorer.Advance(from); doc < to; doc = scorer.NextDoc())
            {
                collector.Collect(doc);
            }
        }
    }
}

/// <summary>The documents [<paramref name="From"/>, <paramref name="To"/>) of one segment.</summary>
internal readonly record struct DocRange(AtomicReaderContext Leaf, int From, int To);

/// <summary>
/// A segment's live documents, with one part's range, given to a part's scorers as their accepted documents. The
/// range is not tested report by report: the part's search stops asking past its end, and Lucene's postings told to
/// leave out every report after it would still read each of them to reject it (half of every clause's postings in
/// the first of two parts). A scorer that reads its postings ahead (<see cref="MostWordsQuery"/>) reads only the
/// range.
/// </summary>
internal sealed class DocRangeBits(IBits? live, int maxDoc, int from, int to) : IBits
{
    public IBits? Live => live;

    public int From => from;

    public int To => to;

    public int Length => maxDoc;

    public bool Get(int index) => live is null || live.Get(index);
}
