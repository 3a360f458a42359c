using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SearchService.Benchmarks.E2e;

/// <summary>A generated corpus outside the repository, made once per set of generator arguments.</summary>
internal sealed record BenchCorpus(string Path, int Documents, long TextBytes, long FileBytes)
{
    private const string ArgumentsFile = ".bench-arguments";

    public double TextMb => TextBytes / 1e6;

    public static BenchCorpus Prepare(RepositoryLayout layout, int count)
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "searchservice-bench", $"corpus-{count}");
        var arguments = $"--count {count}";
        var manifest = System.IO.Path.Combine(dir, "manifest.jsonl");
        var marker = System.IO.Path.Combine(dir, ArgumentsFile);
        if (!File.Exists(manifest) || !File.Exists(marker) || File.ReadAllText(marker) != arguments)
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }

            Console.Error.WriteLine($"generating {count} reports into {dir} …");
            var psi = new ProcessStartInfo("python3") { ArgumentList = { layout.MakeCorpus, "--out", dir, "--count", count.ToString(CultureInfo.InvariantCulture) } };
            using var process = Process.Start(psi)!;
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"make_corpus.py failed with exit code {process.ExitCode}");
            }

            File.WriteAllText(marker, arguments);
        }

        AddedReports.Remove(dir); // left by an interrupted run: the service and the peer index the whole folder
        return Measure(dir);
    }

    /// <summary>
    /// Counts text the peer's way: UTF-8 bytes of the manifest title plus the decoded file (BOM dropped), so MB/s
    /// compares like with like.
    /// </summary>
    private static BenchCorpus Measure(string dir)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb18030 = Encoding.GetEncoding("GB18030");
        long text = 0, files = 0;
        var documents = 0;
        foreach (var line in File.ReadLines(System.IO.Path.Combine(dir, "manifest.jsonl")))
        {
            using var entry = JsonDocument.Parse(line);
            var root = entry.RootElement;
            var bytes = File.ReadAllBytes(System.IO.Path.Combine(dir, root.GetProperty("file").GetString()!));
            var encoding = root.TryGetProperty("encoding", out var e) && e.GetString() is { } name && name.StartsWith("gb", StringComparison.OrdinalIgnoreCase)
                ? gb18030
                : Encoding.UTF8;
            var body = encoding.GetString(bytes).TrimStart('\uFEFF');
            var title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
            text += Encoding.UTF8.GetByteCount(title) + Encoding.UTF8.GetByteCount(body);
            files += bytes.Length;
            documents++;
        }

        return new BenchCorpus(dir, documents, text, files);
    }
}
