using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace SearchService.Api;

/// <summary>The built service started as README and the Dockerfile start it: from a folder that is not its own.</summary>
public sealed partial class StartupFolderTests
{
    [Fact]
    public async Task ServiceStartedFromAnotherFolderAppliesItsSettingsAndKeepsItsIndexThere()
    {
        var folder = Directory.CreateTempSubdirectory("startup-");
        var seeds = Directory.CreateDirectory(Path.Combine(folder.FullName, "seeds"));
        var seed = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds"))[0];
        File.Copy(seed, Path.Combine(seeds.FullName, Path.GetFileName(seed)));
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "SearchService.Api.dll") },
            WorkingDirectory = folder.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" },
        };
        var output = new StringBuilder();
        using var service = Process.Start(start)!;
        service.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        service.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        service.BeginOutputReadLine();
        service.BeginErrorReadLine();
        try
        {
            string? address = null;
            await Eventually.True(() => Task.FromResult((address = Listening(output)) is not null), "the service said where it listens", 60);
            using var client = new HttpClient { BaseAddress = new Uri(address!) };
            await Eventually.True(async () => (await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK, "the service became healthy", 60);

            var search = await client.GetAsync("/api/search?q=法治");

            Assert.Equal(HttpStatusCode.OK, search.StatusCode);
            Assert.True(Directory.Exists(Path.Combine(folder.FullName, "index")), "the default index folder is the working directory's");
            // appsettings.json keeps ASP.NET Core's per-request lines (Request starting, Executed endpoint, …) out of the log.
            lock (output)
            {
                Assert.DoesNotContain("Request finished", output.ToString());
            }
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
            folder.Delete(recursive: true);
        }
    }

    private static string? Listening(StringBuilder output)
    {
        lock (output)
        {
            return ListeningOn().Match(output.ToString()) is { Success: true } m ? m.Groups[1].Value : null;
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}
