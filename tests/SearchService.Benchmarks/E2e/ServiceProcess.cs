using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace SearchService.Benchmarks.E2e;

/// <summary>The real service as a child process (Kestrel on a free local port) over one index and corpus.</summary>
internal sealed class ServiceProcess : IDisposable
{
    // Fine polling while a start on an existing index may finish, coarse during a long indexing, where every
    // unhealthy answer is also logged by the service.
    private static readonly TimeSpan FinePoll = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan CoarsePoll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan FinePollFor = TimeSpan.FromSeconds(10);

    private readonly ChildProcess _process;
    private readonly Stopwatch _sinceStart;

    private ServiceProcess(ChildProcess process, Uri baseAddress, Stopwatch sinceStart)
    {
        _process = process;
        BaseAddress = baseAddress;
        _sinceStart = sinceStart;
    }

    public Uri BaseAddress { get; }
    public ChildProcess Process => _process;

    public static ServiceProcess Start(string serviceDll, string indexPath, string corpusPath, int? threads,
        IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var port = FreePort();
        // The service's folder is its content root, so its appsettings.json (log levels) applies as in production.
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { serviceDll }, WorkingDirectory = Path.GetDirectoryName(serviceDll)! };
        start.Environment["Index__Path"] = indexPath;
        start.Environment["Corpus__Paths__0"] = corpusPath;
        if (threads is { } t)
        {
            start.Environment["Corpus__Threads"] = t.ToString(CultureInfo.InvariantCulture);
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        return new ServiceProcess(new ChildProcess(start, logPath), new Uri($"http://127.0.0.1:{port}"), clock);
    }

    /// <summary>Polls /health until 200; returns the seconds since start and the ingestion counts it reports.</summary>
    public async Task<Readiness> WaitUntilHealthyAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = _sinceStart.Elapsed + timeout;
        while (_sinceStart.Elapsed < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("the service exited before it was healthy; see its log");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var seconds = _sinceStart.Elapsed.TotalSeconds;
                    _process.SampleNow();
                    using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    var data = IndexData(health);
                    return new Readiness(seconds, data.GetProperty("indexed").GetInt64(), data.GetProperty("unchanged").GetInt64(),
                        data.GetProperty("rejected").GetInt64(), _process.PeakRssMb, _process.CpuSeconds);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(_sinceStart.Elapsed < FinePollFor ? FinePoll : CoarsePoll);
        }

        throw new TimeoutException($"the service was not healthy within {timeout}");
    }

    /// <summary>Waits until the service reports no merge running or pending; returns the seconds waited.</summary>
    public Task<double> WaitUntilMergedAsync(HttpClient http, TimeSpan timeout) =>
        WaitUntilAsync(http, index => !index.GetProperty("merging").GetBoolean(), timeout, "still merging");

    /// <summary>Polls the index check of /health until <paramref name="done"/> holds for its data; returns the seconds waited.</summary>
    public async Task<double> WaitUntilAsync(HttpClient http, Func<JsonElement, bool> done, TimeSpan timeout, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (done(await IndexHealthAsync(http)))
            {
                return clock.Elapsed.TotalSeconds;
            }

            await Task.Delay(CoarsePoll);
        }

        throw new TimeoutException($"the service was {failure} after {timeout}");
    }

    /// <summary>The data of the index check of /health: ingestion counts, segments, merging.</summary>
    public async Task<JsonElement> IndexHealthAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri(BaseAddress, "/health"));
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return IndexData(health).Clone();
    }

    private static JsonElement IndexData(JsonDocument health) => health.RootElement.GetProperty("checks").GetProperty("index").GetProperty("data");

    public Task StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(60));

    public void Dispose() => _process.Dispose();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Time from process start to a healthy service, with what its start-up scan did.</summary>
internal sealed record Readiness(double Seconds, long Indexed, long Unchanged, long Rejected, double PeakRssMb, double CpuSeconds);
