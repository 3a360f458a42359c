using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using SearchService.Analysis;
using SearchService.Search;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace SearchService.Indexing;

/// <summary>
/// The one owner of the index: the only IndexWriter, a SearcherManager over it and a thread that reopens
/// searchers within <see cref="ReportIndexOptions.MaxStaleSeconds"/> of a change (within
/// <see cref="ReportIndexOptions.LoadMaxStaleSeconds"/> until <see cref="FinishLoading"/>).
/// </summary>
public sealed class ReportIndex : IDisposable
{
    private const string SchemaKey = "schema";

    // Segments a bulk load leaves once its background merge is done: every search pays per segment (term look-ups,
    // scorer set-up), 22 % of its time at 15 segments against one on a 20k index, and a load at two threads
    // leaves 5 to 25 of them.
    private const int SegmentsAfterLoad = 4;

    private readonly LuceneDirectory _directory;
    private readonly BlockCache? _readCache;
    private readonly PostingsListCache? _lists;
    private readonly SegmentMemo<IdRanks.Segment> _ids = new(IdRanks.Segment.Read);
    private readonly Analyzer _analyzer;
    private readonly IndexWriter _writer;
    private readonly TrackingIndexWriter _tracking;
    private readonly SearcherManager _searchers;
    private readonly ParallelSearch _parallel;
    private readonly ReportIndexOptions _options;
    private readonly Timer _loadingRefresh;
    private ControlledRealTimeReopenThread<IndexSearcher>? _reopener;

    // Searchers that issued a paging cursor, kept a while so the next pages read the same point in time.
    private readonly SearcherLifetimeManager _pagedSearchers = new();
    private static readonly TimeSpan CursorLifetime = TimeSpan.FromMinutes(10);
    private long _lastGeneration;
    private int _disposed;

    public ReportIndex(ReportIndexOptions options)
    {
        _options = options;
        var path = new DirectoryInfo(options.Path);
        path.Create();
        if (options.Store == IndexStore.Nio && options.ReadCacheMB > 0)
        {
            _readCache = new BlockCache((long)(options.ReadCacheMB * 1024 * 1024));
        }

        if (options.PostingsCacheMB > 0)
        {
            _lists = new PostingsListCache((long)(options.PostingsCacheMB * 1024 * 1024));
        }

        _directory = options.Store == IndexStore.Nio ? new PositionalReadDirectory(path, _readCache) : new MMapDirectory(path);
        _analyzer = CreateAnalyzer();

        // An index written with other fields or analysis would mix two kinds of tokens: start it afresh instead,
        // the corpus is the source of truth.
        WasRebuilt = DirectoryReader.IndexExists(_directory) && StoredSchema(_directory) != IndexSchema.Version;
        var config = new IndexWriterConfig(IndexSchema.MatchVersion, _analyzer)
        {
            OpenMode = WasRebuilt ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = options.RamBufferMB,
            MergeScheduler = new UncachedMergeScheduler(),
            Similarity = ReportSearcherFactory.Similarity,
        };
        _writer = new IndexWriter(_directory, config);
        _writer.SetCommitData(new Dictionary<string, string> { [SchemaKey] = IndexSchema.Version });
        _tracking = new TrackingIndexWriter(_writer);
        // applyAllDeletes: a changed report must never be seen twice, old and new.
        _parallel = new ParallelSearch(options.SearchThreads == 0 ? Environment.ProcessorCount : options.SearchThreads, options.MinReportsPerSearchPart);
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new ReportSearcherFactory(_lists, FacetSegments, _ids, _parallel));
        var loadingInterval = TimeSpan.FromSeconds(options.LoadMaxStaleSeconds);
        _loadingRefresh = new Timer(_ => RefreshWhileLoading(), null, loadingInterval, loadingInterval);
    }

    /// <summary>Each field's analysis, as the index writes it: words by default, n-grams where the field takes them.</summary>
    public static Analyzer CreateAnalyzer()
    {
        var bigrams = new BigramAnalyzer();
        var trigrams = new RunGramAnalyzer(3);
        return new PerFieldAnalyzerWrapper(new WordAnalyzer(), new Dictionary<string, Analyzer>
        {
            [ReportFields.BodyBigrams] = bigrams,
            [ReportFields.TitleBigrams] = bigrams,
            [ReportFields.PlaceBigrams] = bigrams,
            [ReportFields.TitleTrigrams] = trigrams,
            [ReportFields.BodyTrigrams] = trigrams,
            [ReportFields.BodyFourGrams] = new RunGramAnalyzer(4),
        });
    }

    /// <summary>True when the folder held an index of another schema version, now emptied for a rebuild.</summary>
    public bool WasRebuilt { get; }

    /// <summary>Adds a report or atomically replaces the one with the same id; returns the change's generation.</summary>
    public long Upsert(ReportRecord record)
    {
        var generation = _tracking.UpdateDocument(new Term(ReportFields.Id, record.Id), ReportDocument.Build(record));
        Interlocked.Exchange(ref _lastGeneration, generation);
        return generation;
    }

    public long Delete(string id)
    {
        var generation = _tracking.DeleteDocuments(new Term(ReportFields.Id, id));
        Interlocked.Exchange(ref _lastGeneration, generation);
        return generation;
    }

    /// <summary>Makes every change so far durable.</summary>
    public void Commit()
    {
        if (_writer.HasUncommittedChanges())
        {
            _writer.Commit();
        }
    }

    /// <summary>
    /// Ends the initial load: from now on searches see a change within <see cref="ReportIndexOptions.MaxStaleSeconds"/>.
    /// While loading, reopening that often would flush a small segment every time, only to merge it again.
    /// </summary>
    /// <param name="merge">Whether the load indexed reports: its segments are then merged down in the background.</param>
    public void FinishLoading(bool merge)
    {
        if (merge)
        {
            _writer.ForceMerge(SegmentsAfterLoad, doWait: false);
        }

        lock (_loadingRefresh)
        {
            if (_reopener is null)
            {
                _loadingRefresh.Dispose();
                var reopener = new ControlledRealTimeReopenThread<IndexSearcher>(_tracking, _searchers, _options.MaxStaleSeconds, _options.MinStaleSeconds)
                {
                    IsBackground = true,
                    Name = "index-reopen",
                };
                reopener.Start();
                Volatile.Write(ref _reopener, reopener);
            }
        }
    }

    /// <summary>Whether segments are being merged or wait to be (after a bulk load, until they are merged down).</summary>
    public bool IsMerging => _writer.HasPendingMerges() || _writer.MergingSegments.Count > 0;

    /// <summary>The read cache's use so far; null when there is none (mapped files, or a size of 0).</summary>
    public ReadCacheUse? ReadCache =>
        _readCache is { } cache ? new(cache.Count * (double)BlockCache.BlockSize / (1024 * 1024), cache.Lookups, cache.Reads) : null;

    /// <summary>The lists of common exact phrases and terms kept; null when turned off.</summary>
    public PostingsListCache? PostingsLists => _lists;

    /// <summary>The facet ordinals of the open segments, kept across reopens.</summary>
    public FacetSegments FacetSegments { get; } = new();

    /// <summary>Segments the current searcher reads.</summary>
    public int SegmentCount => Read(searcher => searcher.IndexReader.Leaves.Count);

    /// <summary>Blocks until searches see the change of <paramref name="generation"/> (all changes when omitted).</summary>
    public void WaitForSearchers(long? generation = null)
    {
        if (Volatile.Read(ref _reopener) is { } reopener)
        {
            reopener.WaitForGeneration(generation ?? Interlocked.Read(ref _lastGeneration));
        }
        else
        {
            _searchers.MaybeRefreshBlocking(); // while loading: every change so far
        }
    }

    private void RefreshWhileLoading()
    {
        try
        {
            _searchers.MaybeRefresh();
        }
        catch (Exception) when (Volatile.Read(ref _disposed) == 1)
        {
            // a tick that raced with closing the index
        }
    }

    /// <summary>
    /// Runs <paramref name="read"/> on the current searcher, released afterwards. It counts as a search under way
    /// while it runs, snippets and all, so searches in parts (<see cref="ParallelSearch"/>) take only idle cores.
    /// </summary>
    public T Read<T>(Func<ReportIndexSearcher, T> read)
    {
        using var searching = _parallel.Begin();
        using var context = _searchers.GetContext();
        return read((ReportIndexSearcher)context.Reference);
    }

    /// <summary>
    /// Runs <paramref name="read"/> on the searcher <see cref="Remember"/> gave <paramref name="version"/> for, while
    /// it is kept; on the current searcher otherwise.
    /// </summary>
    public T Read<T>(long version, Func<ReportIndexSearcher, T> read)
    {
        if (_pagedSearchers.Acquire(version) is not ReportIndexSearcher kept)
        {
            return Read(read);
        }

        try
        {
            using var searching = _parallel.Begin();
            return read(kept);
        }
        finally
        {
            _pagedSearchers.Release(kept);
        }
    }

    /// <summary>Keeps <paramref name="searcher"/> for later pages of the same results; returns its version.</summary>
    public long Remember(ReportIndexSearcher searcher)
    {
        var version = _pagedSearchers.Record(searcher);
        _pagedSearchers.Prune(new SearcherLifetimeManager.PruneByAge(CursorLifetime.TotalSeconds));
        return version;
    }

    /// <summary>
    /// Holds the current searcher until disposed, for work that outlives one call, such as streaming an export;
    /// everything else uses <see cref="Read{T}"/>.
    /// </summary>
    public SearcherLease Acquire() => new(_searchers);

    /// <summary>The file state of every indexed report, so a scan can skip what has not changed.</summary>
    public Dictionary<string, IndexedFileState> ReadFileStates() => Read(searcher =>
    {
        var states = new Dictionary<string, IndexedFileState>(searcher.IndexReader.NumDocs, StringComparer.Ordinal);
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            foreach (var (id, state) in ReportDocument.ReadFileStates(leaf.AtomicReader))
            {
                states[id] = state;
            }
        }

        return states;
    });

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        lock (_loadingRefresh)
        {
            _loadingRefresh.Dispose();
            _reopener?.Dispose();
        }

        _pagedSearchers.Dispose();
        _searchers.Dispose();
        _writer.Commit();
        _writer.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }

    private static string? StoredSchema(LuceneDirectory directory)
    {
        var infos = new SegmentInfos();
        infos.Read(directory);
        return infos.UserData.TryGetValue(SchemaKey, out var version) ? version : null;
    }
}

/// <summary>A searcher acquired from the index, released when disposed.</summary>
public sealed class SearcherLease(SearcherManager searchers) : IDisposable
{
    public ReportIndexSearcher Searcher { get; } = (ReportIndexSearcher)searchers.Acquire();

    public void Dispose() => searchers.Release(Searcher);
}
