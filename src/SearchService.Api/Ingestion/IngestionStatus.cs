using System.Collections.Concurrent;

namespace SearchService.Api.Ingestion;

/// <summary>Progress of ingestion, for readiness and for operators.</summary>
public sealed class IngestionStatus
{
    private const int RecentRejections = 20;

    private readonly ConcurrentQueue<string> _rejections = new();
    private long _indexed;
    private long _unchanged;
    private long _deleted;
    private long _rejected;
    private long _queued;
    private volatile bool _ready;

    /// <summary>True once the start-up scan is indexed and visible to searches.</summary>
    public bool Ready => _ready;

    public long Indexed => Interlocked.Read(ref _indexed);
    public long Unchanged => Interlocked.Read(ref _unchanged);
    public long Deleted => Interlocked.Read(ref _deleted);
    public long Rejected => Interlocked.Read(ref _rejected);
    public long Queued => Interlocked.Read(ref _queued);

    /// <summary>The latest rejected files with the reason, newest last.</summary>
    public IReadOnlyList<string> LatestRejections => _rejections.ToArray();

    internal void MarkReady() => _ready = true;
    internal void CountIndexed() => Interlocked.Increment(ref _indexed);
    internal void CountUnchanged() => Interlocked.Increment(ref _unchanged);
    internal void CountDeleted() => Interlocked.Increment(ref _deleted);
    internal void CountQueued(int change) => Interlocked.Add(ref _queued, change);

    internal void CountRejected(string path, string reason)
    {
        Interlocked.Increment(ref _rejected);
        _rejections.Enqueue($"{path}: {reason}");
        while (_rejections.Count > RecentRejections && _rejections.TryDequeue(out _))
        {
        }
    }
}
