using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SearchService.Search;

/// <summary>
/// Common exact phrases and common terms, kept per segment as the reports holding them with each one's frequency
/// (and, for a term, its norm), so a later search reads that list instead of the index's postings. Every term of five
/// or more characters is a phrase of trigrams (法治政府建设 → 法治政@0 府建设@3), and the common ones stand in most reports: at
/// 200k reports, reading their positions in every report was the largest cost of the slowest searches. A common term
/// has no positions to read, but its postings are decoded block by block, and a sentence's dozen common words have
/// some 3 million postings at 200k reports: read from lists they take half the time, and summed from a term's
/// frequencies by report (<see cref="Postings.ByReport"/>, kept for a term in many reports) less again. A segment
/// never changes (its deletions are applied as a list is read), so one list serves every reader that shares the
/// segment, across reopens, and goes when the segment is closed (merged away). Bounded by memory; the lists used
/// least recently go first, and once full a new list is kept only in place of one searched less often
/// (<see cref="Admits"/>).
/// </summary>
/// <param name="capacityBytes">Memory the lists may take.</param>
/// <param name="minReports">
/// A list is built only where the phrase's rarest term, or the term, is in at least this many reports of the
/// segment, and only for a phrase or term searched before: building reads it in the whole segment, where a search
/// with a rarer term beside it would have read it in a few reports.
/// </param>
public sealed class PostingsListCache(long capacityBytes, int minReports = 1024) : SegmentReader.ICoreDisposedListener
{
    // Phrases and terms counted as searched, forgotten all at once past this many: the count only tells a repeated phrase from a one-off.
    private const int MaxCounted = 10_000;

    private readonly ConcurrentDictionary<(object Segment, string Key), Postings> _lists = new();
    private readonly ConcurrentDictionary<string, int> _searches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(object Segment, string Field), (float[] Table, float[] ByReport)> _lengths = new();
    private readonly ConcurrentDictionary<object, bool> _watched = new();
    private readonly Lock _evicting = new();
    private long _bytes;
    private long _clock;
    private long _uses;

    /// <summary>
    /// Whether a list is worth building for the phrase or term <paramref name="key"/>, which is (or whose rarest
    /// term is) in <paramref name="reports"/> reports of a segment: enough of them, and a list that size would be
    /// kept. More than a quarter of the memory would put out every other list. Once the lists fill the memory, a new
    /// one is kept only in place of a list searched less often than it: when searches cycle through more lists
    /// than fit, keeping each new one would put out every list just before its next use, and each search would
    /// build lists instead of reading them.
    /// </summary>
    public bool Admits(string key, int reports)
    {
        var bytes = Postings.BytesFor(reports);
        if (reports < minReports || !Fits(bytes))
        {
            return false;
        }

        if (Bytes + bytes <= capacityBytes || _lists.IsEmpty)
        {
            return true;
        }

        var oldest = _lists.MinBy(e => e.Value.LastUsed).Key.Key;
        return _searches.GetValueOrDefault(key) > _searches.GetValueOrDefault(oldest);
    }

    /// <summary>Memory the lists take now.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public int Count => _lists.Count;

    /// <summary>Segments' searches of a phrase or term served from a list.</summary>
    public long Uses => Interlocked.Read(ref _uses);

    /// <summary>Counts one more search of the phrase or term <paramref name="key"/>; true when it was searched before.</summary>
    public bool SearchedBefore(string key)
    {
        if (_searches.Count >= MaxCounted)
        {
            _searches.Clear();
        }

        return _searches.AddOrUpdate(key, 1, (_, n) => n + 1) > 1;
    }

    /// <summary>The list of the phrase or term <paramref name="key"/> in <paramref name="segment"/>, if kept.</summary>
    public Postings? Get(AtomicReader segment, string key)
    {
        if (!_lists.TryGetValue((segment.CoreCacheKey, key), out var postings))
        {
            return null;
        }

        postings.LastUsed = Interlocked.Increment(ref _clock);
        Interlocked.Increment(ref _uses);
        return postings;
    }

    /// <summary>
    /// Every report's length term of BM25 in <paramref name="field"/> of <paramref name="segment"/>:
    /// <paramref name="lengths"/> (<see cref="TermScoring.Lengths"/>) at its norm. Summed by report
    /// (<see cref="Postings.ByReport"/>), a term's score needs the length of reports its list does not hold, and
    /// looking each up in every search cost as much as the sums. Kept beside the segment's lists (4 bytes a report per
    /// field, outside their capacity) and made again once the table differs: it changes with the field's average
    /// length, as reports are added.
    /// </summary>
    public float[] LengthsByReport(AtomicReader segment, string field, float[] lengths)
    {
        var key = (segment.CoreCacheKey, field);
        if (_lengths.TryGetValue(key, out var kept) && kept.Table.AsSpan().SequenceEqual(lengths))
        {
            return kept.ByReport;
        }

        Watch(segment);
        var norms = segment.GetNormValues(field);
        var byReport = new float[segment.MaxDoc];
        for (var doc = 0; doc < byReport.Length; doc++)
        {
            byReport[doc] = lengths[norms is null ? 0 : (byte)norms.Get(doc)];
        }

        _lengths[key] = (lengths, byReport);
        return byReport;
    }

    /// <summary>Keeps a list, putting out the least recently used ones while the lists exceed the capacity.</summary>
    public void Add(AtomicReader segment, string key, Postings postings)
    {
        var core = segment.CoreCacheKey;
        if (!Fits(postings.Bytes) || !_lists.TryAdd((core, key), postings))
        {
            return;
        }

        Watch(segment);

        postings.LastUsed = Interlocked.Increment(ref _clock);
        if (Interlocked.Add(ref _bytes, postings.Bytes) <= capacityBytes)
        {
            return;
        }

        lock (_evicting)
        {
            foreach (var oldest in _lists.OrderBy(e => e.Value.LastUsed).Select(e => e.Key).ToList())
            {
                if (Interlocked.Read(ref _bytes) <= capacityBytes)
                {
                    break;
                }

                Remove(oldest);
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

        foreach (var key in _lengths.Keys)
        {
            if (key.Segment == core)
            {
                _lengths.TryRemove(key, out _);
            }
        }
    }

    // A segment is closed only once no reader has it open, so no search can add to it after this fires.
    private void Watch(AtomicReader segment)
    {
        if (segment is SegmentReader reader && _watched.TryAdd(reader.CoreCacheKey, true))
        {
            reader.AddCoreDisposedListener(this);
        }
    }

    private bool Fits(long bytes) => bytes <= capacityBytes / 4;

    private void Remove((object Segment, string Key) key)
    {
        if (_lists.TryRemove(key, out var removed))
        {
            Interlocked.Add(ref _bytes, -removed.Bytes);
        }
    }

    /// <summary>
    /// The reports of one segment holding a phrase or term, ascending, deleted ones included, with its frequency in
    /// each and, for a term, each report's norm of the term's field (its length, as the similarity scores it).
    /// </summary>
    public sealed class Postings(int[] docs, int[] frequencies, byte[]? norms = null, ushort[]? byReport = null)
    {
        // A term in at least this share of a segment's reports also has its frequencies by report.
        private const int ByReportShare = 4;

        public int[] Docs { get; } = docs;

        public int[] Frequencies { get; } = frequencies;

        public byte[]? Norms { get; } = norms;

        /// <summary>
        /// For a term in many reports, its frequency in every report of the segment (0 where absent), deleted ones
        /// included: a sentence's common words are summed report by report over these, many reports at once, where
        /// the list would be read one posting at a time.
        /// </summary>
        public ushort[]? ByReport { get; } = byReport;

        public long Bytes => BytesFor(Docs.Length) + (Norms?.Length ?? 0) + (2L * (ByReport?.Length ?? 0));

        internal static long BytesFor(int reports) => 8L * reports + 64;

        internal long LastUsed { get; set; }

        /// <summary>Reads the whole of a phrase's <paramref name="postings"/> (opened with no documents left out) into a list.</summary>
        public static Postings ReadAll(DocsEnum postings) => ReadAll(postings, norms: null, maxDoc: 0);

        /// <summary>
        /// Reads the whole of <paramref name="postings"/> (opened with no documents left out) into a list, with each
        /// report's value of <paramref name="norms"/> when given; a term's list in at least a quarter of the
        /// segment's <paramref name="maxDoc"/> reports also by report.
        /// </summary>
        public static Postings ReadAll(DocsEnum postings, NumericDocValues? norms, int maxDoc)
        {
            var (docs, frequencies) = (new List<int>(), new List<int>());
            for (var doc = postings.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.NextDoc())
            {
                docs.Add(doc);
                frequencies.Add(postings.Freq);
            }

            ushort[]? byReport = null;
            if (norms is not null && (long)docs.Count * ByReportShare >= maxDoc && frequencies.All(f => f <= ushort.MaxValue))
            {
                byReport = new ushort[maxDoc];
                for (var i = 0; i < docs.Count; i++)
                {
                    byReport[docs[i]] = (ushort)frequencies[i];
                }
            }

            return new Postings([.. docs], [.. frequencies], norms is null ? null : docs.Select(doc => (byte)norms.Get(doc)).ToArray(), byReport);
        }

        /// <summary>The list as postings, past the reports <paramref name="acceptDocs"/> leaves out.</summary>
        public ListedDocs Read(IBits? acceptDocs) => new(this, acceptDocs);
    }

    /// <summary>
    /// A kept list read as postings; sealed, so a loop over it calls no virtual method. A part's accepted reports
    /// (<see cref="DocRangeBits"/>) are its segment's live ones, asked of the live reports directly: none to ask in a
    /// segment without deletions.
    /// </summary>
    public sealed class ListedDocs(Postings list, IBits? acceptDocs) : DocsEnum
    {
        private readonly int[] _docs = list.Docs;
        private readonly IBits? _live = acceptDocs is DocRangeBits part ? part.Live : acceptDocs;
        private int _at = -1;
        private int _doc = -1;

        public override int DocID => _doc;

        public override int Freq => list.Frequencies[_at];

        /// <summary>The current report's norm; only for a list read with norms.</summary>
        public byte Norm => list.Norms![_at];

        public bool HasNorms => list.Norms is not null;

        public override int NextDoc() => MoveTo(_at + 1);

        public override int Advance(int target) => MoveTo(Seek(target));

        public override long GetCost() => _docs.Length;

        /// <summary>
        /// Hands each report from <paramref name="from"/> (or the current one, when past it) up to
        /// <paramref name="end"/>, scored from its frequency and norm, to <paramref name="sink"/>, and leaves the list
        /// on the first report at or after <paramref name="end"/>: one loop over the arrays, with no move per report.
        /// </summary>
        internal void AddUntil<TSink>(int from, int end, TermScoring scoring, TSink sink)
            where TSink : struct, IScoreSink
        {
            // The reports before the end found first and read as spans of one length, so the loop tests neither the
            // end nor the arrays' bounds per report: a fifth less time a posting in a harness of a sentence's words.
            var at = _doc < from ? Seek(from) : _at;
            var stop = Array.BinarySearch(_docs, at, _docs.Length - at, end);
            stop = stop >= 0 ? stop : ~stop;
            var docs = _docs.AsSpan(at, stop - at);
            var frequencies = list.Frequencies.AsSpan(at, docs.Length);
            var norms = list.Norms!.AsSpan(at, docs.Length);

            // Two loops, not one testing for deletions per report: one loop was a tenth slower (200k, `long`).
            if (_live is not { } live)
            {
                for (var i = 0; i < docs.Length; i++)
                {
                    sink.Add(docs[i], scoring.Score(frequencies[i], norms[i]));
                }
            }
            else
            {
                for (var i = 0; i < docs.Length; i++)
                {
                    if (live.Get(docs[i]))
                    {
                        sink.Add(docs[i], scoring.Score(frequencies[i], norms[i]));
                    }
                }
            }

            MoveTo(stop);
        }

        /// <summary>The index of the first report at or after <paramref name="target"/>, from the current one on: galloping, then a binary search, as conjunctions mostly advance a short way.</summary>
        private int Seek(int target)
        {
            var from = _at + 1;
            var step = 1;
            while (from + step < _docs.Length && _docs[from + step] < target)
            {
                from += step;
                step *= 2;
            }

            var end = Math.Min(from + step + 1, _docs.Length);
            var at = from < end ? Array.BinarySearch(_docs, from, end - from, target) : from;
            return at < 0 ? ~at : at;
        }

        private int MoveTo(int at)
        {
            while (at < _docs.Length && _live is not null && !_live.Get(_docs[at]))
            {
                at++;
            }

            _at = at;
            return _doc = at < _docs.Length ? _docs[at] : NO_MORE_DOCS;
        }
    }
}
