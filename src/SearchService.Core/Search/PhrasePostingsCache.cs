using System.Collections.Concurrent;

namespace SearchService.Search;

/// <summary>
/// Exact phrases that many reports hold, kept per segment as the reports holding them and each one's phrase
/// frequency, so a later search reads that list instead of merging the phrase's position lists again. Every term
/// of five or more characters is a phrase of trigrams (法治政府建设 → 法治政@0 府建设@3), and the common ones stand in
/// most reports: at 200k reports, reading their positions in every report was the largest cost of the slowest
/// searches. A segment never changes (its deletions are applied as a list is read), so one list serves every reader
/// that shares the segment, across reopens. Bounded by memory; the lists used least recently go first.
/// </summary>
/// <param name="capacityBytes">Memory the lists may take.</param>
/// <param name="minReports">
/// A list is built only where the phrase's rarest term is in at least this many reports of the segment, and only
/// for a phrase searched before: building reads the phrase in the whole segment, where a search with a rarer term
/// beside it would have read it in a few reports.
/// </param>
public sealed class PhrasePostingsCache(long capacityBytes, int minReports = 1024)
{

    // Phrases counted as searched, forgotten all at once past this many: the count only tells a repeated phrase from a one-off.
    private const int MaxCounted = 10_000;

    private readonly ConcurrentDictionary<(object Segment, string Phrase), Postings> _lists = new();
    private readonly ConcurrentDictionary<string, int> _searches = new(StringComparer.Ordinal);
    private readonly Lock _evicting = new();
    private long _bytes;
    private long _clock;
    private long _uses;

    public int MinReports => minReports;

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

    /// <summary>The list of <paramref name="phrase"/> in the segment whose core is <paramref name="segment"/>, if kept.</summary>
    public Postings? Get(object segment, string phrase)
    {
        if (!_lists.TryGetValue((segment, phrase), out var postings))
        {
            return null;
        }

        postings.LastUsed = Interlocked.Increment(ref _clock);
        Interlocked.Increment(ref _uses);
        return postings;
    }

    /// <summary>Keeps a list, putting out the least recently used ones while the lists exceed the capacity.</summary>
    public void Add(object segment, string phrase, Postings postings)
    {
        // One list taking most of the memory would put out every other one.
        if (postings.Bytes > capacityBytes / 4 || !_lists.TryAdd((segment, phrase), postings))
        {
            return;
        }

        postings.LastUsed = Interlocked.Increment(ref _clock);
        if (Interlocked.Add(ref _bytes, postings.Bytes) <= capacityBytes)
        {
            return;
        }

        lock (_evicting)
        {
            foreach (var (key, old) in _lists.OrderBy(e => e.Value.LastUsed).ToList())
            {
                if (Interlocked.Read(ref _bytes) <= capacityBytes)
                {
                    break;
                }

                if (_lists.TryRemove(key, out _))
                {
                    Interlocked.Add(ref _bytes, -old.Bytes);
                }
            }
        }
    }

    /// <summary>The reports of one segment holding a phrase, ascending, deleted ones included, with the phrase's frequency in each.</summary>
    public sealed class Postings(int[] docs, int[] frequencies)
    {
        public int[] Docs { get; } = docs;

        public int[] Frequencies { get; } = frequencies;

        public long Bytes => 8L * Docs.Length + 64;

        internal long LastUsed { get; set; }
    }
}
