using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace SearchService.Benchmarks.E2e;

/// <summary>Latency of one endpoint, one client, over repeated requests.</summary>
internal sealed record EndpointRun(string Endpoint, string Example, Latency Latency, int Errors);

/// <summary>
/// The endpoints beyond the search list (report view, explain, similar, passages, trends, coverage, export), timed
/// one request after another on the served index, each with a representative request.
/// </summary>
internal static class EndpointLatency
{
    public static async Task<List<EndpointRun>> MeasureAsync(HttpClient http, Uri service, int repeats)
    {
        var sample = await http.GetFromJsonAsync<JsonElement>(new Uri(service, "/api/search?q=%E6%B3%95%E5%BE%8B%E9%A1%BE%E9%97%AE&pageSize=1"));
        var id = Uri.EscapeDataString(sample.GetProperty("hits")[0].GetProperty("id").GetString()!);
        (string Endpoint, string Path)[] requests =
        [
            ("report view, matches marked", $"/api/reports/{id}?q=法律顾问"),
            ("search with explain", "/api/search?q=法律顾问 合法性审查&explain=true"),
            ("similar reports", $"/api/reports/{id}/similar?sameLevel=true"),
            ("passages", "/api/passages?q=网格化&perReport=1"),
            ("trends by year", "/api/trends?q=法律顾问&by=year"),
            ("trends by year × province", "/api/trends?q=法律顾问&by=year,province"),
            ("coverage", "/api/coverage?year=2022&level=county"),
            ("export CSV of every match", "/api/export?q=公平竞争审查&format=csv"),
        ];

        var runs = new List<EndpointRun>();
        foreach (var (endpoint, path) in requests)
        {
            var times = new List<double>();
            var errors = 0;
            for (var i = 0; i < repeats + 1; i++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await http.GetAsync(new Uri(service, path), HttpCompletionOption.ResponseContentRead);
                var ms = clock.Elapsed.TotalMilliseconds;
                errors += response.IsSuccessStatusCode ? 0 : 1;
                if (i > 0)
                {
                    times.Add(ms); // the first request of each warms it up
                }
            }

            runs.Add(new EndpointRun(endpoint, path, Latency.Of(times), errors));
        }

        return runs;
    }
}
