using System.Collections.Concurrent;
using Lucene.Net.Index;

namespace SearchService.Search;

/// <summary>
/// What is read from a segment once and kept while the segment is open, across reopens: a reopen after a few
/// reports were added reads only the new segment. Dropped when the segment is closed (merged away, or the index
/// disposed).
/// </summary>
/// <param name="read">Reads the state of one segment.</param>
public sealed class SegmentMemo<T>(Func<AtomicReader, T> read) : SegmentReader.ICoreDisposedListener
{
    private readonly ConcurrentDictionary<object, Lazy<T>> _segments = new();

    /// <summary>Segments whose state is held.</summary>
    public int Count => _segments.Count;

    /// <summary>The state of <paramref name="segment"/>, read on its first use.</summary>
    public T Of(AtomicReader segment)
    {
        if (segment is not SegmentReader reader)
        {
            return read(segment); // no close to hear of: not kept
        }

        var core = reader.CoreCacheKey;
        var kept = _segments.GetOrAdd(core, _ => new Lazy<T>(() =>
        {
            var state = read(reader);
            reader.AddCoreDisposedListener(this);
            return state;
        }));
        try
        {
            return kept.Value;
        }
        catch
        {
            _segments.TryRemove(new KeyValuePair<object, Lazy<T>>(core, kept)); // the next use tries again
            throw;
        }
    }

    // A segment is closed only once no reader has it open, so no search can ask for it again after this.
    void SegmentReader.ICoreDisposedListener.OnDispose(object core) => _segments.TryRemove(core, out _);
}
