using System.Collections.Concurrent;

namespace SearchService.Api.Ingestion;

/// <summary>
/// Watches one corpus folder and reports each changed path once it has been quiet for the debounce time, so a
/// file being copied is read once, whole. Lost events (buffer overflow) and folder changes ask for a rescan.
/// </summary>
public sealed class CorpusWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly ConcurrentDictionary<string, long> _quietSince = new(StringComparer.Ordinal);
    private readonly TimeSpan _debounce;
    private readonly Func<string, Task> _changed;
    private readonly Func<string?, Task> _rescan;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _flusher;
    private volatile bool _rescanNeeded;
    private string? _lostEvents;

    /// <param name="root">The folder to watch.</param>
    /// <param name="debounce">How long a path must stay quiet before it is reported.</param>
    /// <param name="changed">Called with each changed path.</param>
    /// <param name="rescan">Called when the folder must be reconciled whole; with the reason when events were lost.</param>
    public CorpusWatcher(string root, TimeSpan debounce, Func<string, Task> changed, Func<string?, Task> rescan)
    {
        _debounce = debounce;
        _changed = changed;
        _rescan = rescan;
        _watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        _watcher.Created += (_, e) => Touch(e.FullPath);
        _watcher.Changed += (_, e) => Touch(e.FullPath);
        _watcher.Deleted += (_, e) => Touch(e.FullPath);
        _watcher.Renamed += (_, e) =>
        {
            Touch(e.OldFullPath);
            Touch(e.FullPath);
        };
        _watcher.Error += (_, e) =>
        {
            _lostEvents = e.GetException().Message;
            _rescanNeeded = true;
        };
        _watcher.EnableRaisingEvents = true;
        _flusher = FlushAsync(_stop.Token);
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _stop.Cancel();
        try
        {
            _flusher.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException e) when (e.InnerException is OperationCanceledException)
        {
            // stopped while waiting for the next tick
        }

        _stop.Dispose();
    }

    private void Touch(string path)
    {
        // A folder that appears, disappears or is renamed may carry many files: reconcile the whole corpus.
        if (Directory.Exists(path) || (!File.Exists(path) && !Path.HasExtension(path)))
        {
            _rescanNeeded = true;
            return;
        }

        if (CorpusFile.IsReport(path))
        {
            _quietSince[path] = Environment.TickCount64;
        }
    }

    private async Task FlushAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(20, _debounce.TotalMilliseconds / 3)));
        while (await timer.WaitForNextTickAsync(stop))
        {
            if (_rescanNeeded)
            {
                _rescanNeeded = false;
                await _rescan(Interlocked.Exchange(ref _lostEvents, null));
            }

            var now = Environment.TickCount64;
            foreach (var (path, since) in _quietSince)
            {
                if (now - since >= _debounce.TotalMilliseconds && _quietSince.TryRemove(new KeyValuePair<string, long>(path, since)))
                {
                    await _changed(path);
                }
            }
        }
    }
}
