using System.Diagnostics;
using System.Globalization;

namespace SearchService.Benchmarks.E2e;

/// <summary>
/// A process started by the benchmark whose output goes to a log file and whose memory is sampled from
/// /proc while it runs (after it exits the figures are gone).
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    // USER_HZ: 100 on every Linux architecture .NET runs on.
    private const int ClockTicksPerSecond = 100;

    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly StringWriter _stdout = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peakKb;
    private long _windowPeakRssKb;
    private long _cpuTicks;

    public ChildProcess(ProcessStartInfo start, string logPath, bool captureStdout = false)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        _log = new StreamWriter(logPath) { AutoFlush = true };
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Write(e.Data, captureStdout ? _stdout : null);
        _process.ErrorDataReceived += (_, e) => Write(e.Data, null);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _sampler = Task.Run(SampleAsync);
    }

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>The process's peak resident set (VmHWM) so far, in MB.</summary>
    public double PeakRssMb => Interlocked.Read(ref _peakKb) / 1024.0;

    /// <summary>The largest resident set (VmRSS) sampled since <see cref="ResetRssWindow"/>, in MB.</summary>
    public double WindowPeakRssMb => Interlocked.Read(ref _windowPeakRssKb) / 1024.0;

    /// <summary>User plus system CPU time the process has used so far, in seconds (on a shared machine, steadier than wall time).</summary>
    public double CpuSeconds => Interlocked.Read(ref _cpuTicks) / (double)ClockTicksPerSecond;

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public void ResetRssWindow() => Interlocked.Exchange(ref _windowPeakRssKb, 0);

    /// <summary>Samples memory and CPU time now rather than at the next tick, for figures taken at a precise moment.</summary>
    public void SampleNow() => Sample($"/proc/{_process.Id}");

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            throw new TimeoutException($"{_process.StartInfo.FileName} did not finish within {timeout}");
        }

        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>Asks the process to shut down as on Ctrl+C (SIGTERM), so a service commits and releases its index.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await WaitForExitAsync(grace);
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _sampler.Wait();
        _process.Dispose();
        _log.Dispose();
        _stop.Dispose();
    }

    private void Write(string? line, StringWriter? capture)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.WriteLine(line);
        }

        if (capture is not null)
        {
            lock (capture)
            {
                capture.WriteLine(line);
            }
        }
    }

    private async Task SampleAsync()
    {
        var proc = $"/proc/{_process.Id}";
        using var timer = new PeriodicTimer(SampleInterval);
        do
        {
            Sample(proc);
        }
        while (!_stop.IsCancellationRequested && !_process.HasExited && await timer.WaitForNextTickAsync(CancellationToken.None));
    }

    private void Sample(string proc)
    {
        try
        {
            // Fields 14 and 15 of stat, after the parenthesised command name: utime and stime in clock ticks.
            var stat = File.ReadAllText(Path.Combine(proc, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            Interlocked.Exchange(ref _cpuTicks, long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
            foreach (var line in File.ReadLines(Path.Combine(proc, "status")))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    Interlocked.Exchange(ref _peakKb, Math.Max(Interlocked.Read(ref _peakKb), Kilobytes(line)));
                }
                else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var rss = Kilobytes(line);
                    if (rss > Interlocked.Read(ref _windowPeakRssKb))
                    {
                        Interlocked.Exchange(ref _windowPeakRssKb, rss);
                    }
                }
            }
        }
        catch (IOException)
        {
            // the process ended between samples
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
}
