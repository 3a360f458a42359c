using System.Collections.Concurrent;
using Lucene.Net.Index;

namespace SearchService.Search;

/// <summary>
/// Exact phrases that many reports hold, kept per segment as the reports holding them and each one's phrase
/// frequency, so a later search reads that list instead of merging the phrase's position lists again. Every term
/// of five or more characters is a phrase of trigrams (法治政府建设 → 法治政@0 府建设@3), and the common ones stand in
/// most reports: at 200k reports, reading their positions in every report was the largest cost of the slowest
/// searches. A segment never changes (its deletions are applied as a list is read), so one list serves every reader
/// that shares the segment, across reopens, and goes when the segment is closed (merged away). Bounded by memory;
/// the lists used least recently go first.
/// </summary>
/// <param name="capacityBytes">Memory the lists may take.</param>
/// <param name="minReports">
/// A list is built only where the phrase's rarest term is in at least this many reports of the segment, and only
/// for a phrase searched before: building reads the phrase in the whole segment, where a search with a rarer term
/// beside it would have read it in a few reports.
/// </param>
public sealed class PhrasePostingsCache(long capacityBytes, int minReports = 1024) : SegmentReader.ICoreDisposedListener
{
    // Phrases counted as searched, forgotten all at once past this many: the count only tells a repeated phrase from a one-off.
    private const int MaxCounted = 10_000;

    private readonly ConcurrentDictionary<(object Segment, string Phrase), Postings> _lists = new();
    private readonly ConcurrentDictionary<string, int> _searches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<object, bool> _watched = new();
    private readonly Lock _evicting = new();
    private long _bytes;
    private long _clock;
    private long _uses;

    /// <summary>
    /// Whether a list is worth building for a phrase whose rarest term is in <paramref name="reports"/> reports of a
    /// segment: enough of them, and a list that size would be kept (more than a quarter of the memory would put out
    /// every other list, and a list not kept would be built again on every search).
    /// </summary>
    public bool Admits(int reports) => reports >= minReports && Fits(Postings.BytesFor(reports));

    /// <summary>Memory the lists take now.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public int Count => _lists.Count;

    /// <summary>Segments' searches of a phrase served from a list.</summary>
    public long Uses => Interlocked.Read(ref _uses);

    /// <summary>Counts one more search of <paramref name="phrase"/>; true when it was searched before.</summary>
    public bool SearchedBefore(string phrase)
    {
        if (_searches.Count >= MaxCounted)
        {
            _searches.Clear();
        }

        return _searches.AddOrUpdate(phrase, 1, (_, n) => n + 1) > 1;
    }

    /// <summary>The list of <paramref name="phrase"/> in <paramref name="segment"/>, if kept.</summary>
    public Postings? Get(AtomicReader segment, string phrase)
    {
        if (!_lists.TryGetValue((segment.CoreCacheKey, phrase), out var postings))
        {
            return null;
        }

        postings.LastUsed = Interlocked.Increment(ref _clock);
        Interlocked.Increment(ref _uses);
        return postings;
    }

    /// <summary>Keeps a list, putting out the least recently used ones while the lists exceed the capacity.</summary>
    public void Add(AtomicReader segment, string phrase, Postings postings)
    {
        var core = segment.CoreCacheKey;
        if (!Fits(postings.Bytes) || !_lists.TryAdd((core, phrase), postings))
        {
            return;
        }

        // A segment is closed only once no reader has it open, so no search can add to it after this fires.
        if (segment is SegmentReader reader && _watched.TryAdd(core, true))
        {
            reader.AddCoreDisposedListener(this);
        }

        postings.LastUsed = Interlocked.Increment(ref _clock);
        if (Interlocked.Add(ref _bytes, postings.Bytes) <= capacityBytes)
        {
            return;
        }

        lock (_evicting)
        {
            foreach (var key in _lists.OrderBy(e => e.Value.LastUsed).Select(e => e.Key).ToList())
            {
                if (Interlocked.Read(ref _bytes) <= capacityBytes)
                {
                    break;
                }

                Remove(key);
            }
        }
    }

    /// <summary>Drops the lists of a segment that was closed: merged into another, or its index disposed.</summary>
    void SegmentReader.ICoreDisposedListener.OnDispose(object core)
    {
        _watched.TryRemove(core, out _);
        foreach (var key in _lists.Keys)
        {
            if (key.Segment == core)
            {
                Remove(key);
            }
        }
    }

    private bool Fits(long bytes) => bytes <= capacityBytes / 4;

    private void Remove((object Segment, string Phrase) key)
    {
        if (_lists.TryRemove(key, out var removed))
        {
            Interlocked.Add(ref _bytes, -removed.Bytes);
        }
    }

    /// <summary>The reports of one segment holding a phrase, ascending, deleted ones included, with the phrase's frequency in each.</summary>
    public sealed class Postings(int[] docs, int[] frequencies)
    {
        public int[] Docs { get; } = docs;

        public int[] Frequencies { get; } = frequencies;

        public long Bytes => BytesFor(Docs.Length);

        internal static long BytesFor(int reports) => 8L * reports + 64;

        internal long LastUsed { get; set; }
    }
}
