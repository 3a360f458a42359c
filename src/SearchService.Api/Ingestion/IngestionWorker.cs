using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SearchService.Analysis;
using SearchService.Extraction;
using SearchService.Indexing;

namespace SearchService.Api.Ingestion;

/// <summary>
/// The only writer to the index. At start it indexes what is new or changed in the corpus folders and removes
/// what is gone, then follows the folders. Jobs are partitioned by report id over one bounded queue per thread,
/// so reports are read and analyzed in parallel while the changes to one report keep their order.
/// </summary>
public sealed class IngestionWorker(
    ReportIndex index,
    ReportExtractor extractor,
    IngestionStatus status,
    IOptions<CorpusOptions> options,
    ILogger<IngestionWorker> logger) : BackgroundService
{
    private static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, IndexedFileState> _known = new(StringComparer.Ordinal);
    private Channel<CorpusFile>[] _queues = [];
    private volatile bool _dirty;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ChineseWordTokenizer.Warm();
        if (index.WasRebuilt)
        {
            IngestionLog.Rebuilding(logger);
        }

        foreach (var (id, state) in index.ReadFileStates())
        {
            _known[id] = state;
        }

        var corpus = options.Value;
        var threads = corpus.Threads > 0 ? corpus.Threads : Environment.ProcessorCount;
        _queues = Enumerable.Range(0, threads)
            .Select(_ => Channel.CreateBounded<CorpusFile>(new BoundedChannelOptions(corpus.QueueCapacity)
            {
                FullMode = BoundedChannelFullMode.Wait,
                SingleReader = true,
            }))
            .ToArray();
        var consumers = _queues.Select(q => Task.Run(() => ConsumeAsync(q.Reader, stoppingToken), CancellationToken.None)).ToArray();

        // Watch before scanning, so a file that arrives during the scan is not missed.
        var watchers = corpus.Paths.Select(root => new CorpusWatcher(
            root,
            TimeSpan.FromMilliseconds(corpus.DebounceMilliseconds),
            path => EnqueueAsync(new CorpusFile(root, path), stoppingToken),
            lostEvents =>
            {
                if (lostEvents is not null)
                {
                    IngestionLog.WatcherOverflow(logger, root, lostEvents);
                }

                return ScanAsync(root, stoppingToken);
            })).ToList();
        try
        {
            var clock = Stopwatch.StartNew();
            foreach (var root in corpus.Paths)
            {
                await ScanAsync(root, stoppingToken);
            }

            while (status.Queued > 0)
            {
                await Task.Delay(20, stoppingToken);
            }

            index.Commit();
            index.FinishLoading(merge: status.Indexed > 0);
            index.WaitForSearchers();
            status.MarkReady();
            IngestionLog.ScanFinished(logger, status.Indexed, status.Unchanged, status.Deleted, status.Rejected, clock.ElapsedMilliseconds);

            using var timer = new PeriodicTimer(CommitInterval);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (_dirty && status.Queued == 0)
                {
                    _dirty = false;
                    index.Commit();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
        finally
        {
            watchers.ForEach(w => w.Dispose());
            foreach (var queue in _queues)
            {
                queue.Writer.TryComplete();
            }

            await Task.WhenAll(consumers);
            index.Commit();
        }
    }

    /// <summary>Queues every report file under <paramref name="root"/> that differs from the index, and the removal of those gone.</summary>
    private async Task ScanAsync(string root, CancellationToken stop)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
        {
            if (!CorpusFile.IsReport(path))
            {
                continue;
            }

            var file = new CorpusFile(root, path);
            seen.Add(file.Id);
            if (_known.TryGetValue(file.Id, out var known) && IsUnchanged(known, new FileInfo(path)))
            {
                status.CountUnchanged();
                continue;
            }

            await EnqueueAsync(file, stop);
        }

        var prefix = Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar;
        foreach (var (id, state) in _known)
        {
            if (!seen.Contains(id) && state.SourcePath.StartsWith(prefix, StringComparison.Ordinal))
            {
                await EnqueueAsync(new CorpusFile(root, state.SourcePath), stop);
            }
        }
    }

    private async Task EnqueueAsync(CorpusFile file, CancellationToken stop)
    {
        status.CountQueued(1);
        var partition = (int)((uint)StringComparer.Ordinal.GetHashCode(file.Id) % (uint)_queues.Length);
        try
        {
            await _queues[partition].Writer.WriteAsync(file, stop);
        }
        catch
        {
            status.CountQueued(-1);
            throw;
        }
    }

    private async Task ConsumeAsync(ChannelReader<CorpusFile> queue, CancellationToken stop)
    {
        try
        {
            await foreach (var file in queue.ReadAllAsync(stop))
            {
                try
                {
                    Process(file);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    status.CountRejected(file.FullPath, e.Message);
                    IngestionLog.FileRejected(logger, file.FullPath, e.Message);
                }
                finally
                {
                    status.CountQueued(-1);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // shutting down; what is left in the queue is found again by the next start-up scan
        }
    }

    private void Process(CorpusFile file)
    {
        var info = new FileInfo(file.FullPath);
        if (!info.Exists)
        {
            if (_known.TryRemove(file.Id, out _))
            {
                index.Delete(file.Id);
                status.CountDeleted();
                _dirty = true;
            }

            return;
        }

        var known = _known.GetValueOrDefault(file.Id);
        if (known is not null && IsUnchanged(known, info))
        {
            status.CountUnchanged();
            return;
        }

        var content = File.ReadAllBytes(file.FullPath);
        if (content.Length == 0)
        {
            throw new FormatException("the file is empty");
        }

        var hash = Convert.ToHexString(SHA256.HashData(content));
        var state = new IndexedFileState(file.FullPath, hash, content.Length, info.LastWriteTimeUtc.Ticks);
        if (known?.ContentHash == hash)
        {
            _known[file.Id] = state; // touched, not changed
            status.CountUnchanged();
            return;
        }

        var report = extractor.Extract(file.FullPath, content);
        index.Upsert(new ReportRecord(file.Id, file.FullPath, hash, content.Length, state.FileModifiedTicks, report));
        _known[file.Id] = state;
        status.CountIndexed();
        IngestionLog.Indexed(logger, file.Id);
        _dirty = true;
    }

    private static bool IsUnchanged(IndexedFileState known, FileInfo info) =>
        known.FileSize == info.Length && known.FileModifiedTicks == info.LastWriteTimeUtc.Ticks;
}
