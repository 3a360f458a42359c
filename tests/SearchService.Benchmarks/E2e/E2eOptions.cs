using System.Globalization;
using System.Numerics;

namespace SearchService.Benchmarks.E2e;

/// <summary>What one end-to-end run measures; <c>--smoke</c> shrinks everything so CI can afford it.</summary>
internal sealed record E2eOptions
{
    public int Count { get; init; } = 20000;
    public int[] IndexThreads { get; init; } = [1, 2];
    public int[] Clients { get; init; } = [1, 2];
    public double WarmupSeconds { get; init; } = 10;
    public double Seconds { get; init; } = 20;
    public bool Peer { get; init; } = true;

    /// <summary>Whole runs made one after another; the table gives each figure's median over them.</summary>
    public int Runs { get; init; } = 1;
    public bool Smoke { get; init; }
    public string? OutDir { get; init; }
    public string? ServiceDll { get; init; }

    /// <summary>An index already built from the corpus, served as it is: no indexing figures, and the runs change nothing in it for good.</summary>
    public string? ExistingIndex { get; init; }

    /// <summary>Extra environment for every start of the service (settings such as Index__RamBufferMB, DOTNET_gcServer).</summary>
    public IReadOnlyDictionary<string, string> ServiceEnvironment { get; init; } = new Dictionary<string, string>();

    public const string Usage =
        "usage: e2e [--count N] [--runs N] [--smoke] [--no-peer] [--threads 1,2] [--clients 1,2] [--warmup S] [--seconds S] [--out DIR] [--service PATH.dll] [--index DIR] [--env KEY=VALUE]…";

    /// <summary>The options <paramref name="args"/> give; throws <see cref="ArgumentException"/> on a bad one.</summary>
    public static E2eOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--smoke")
            ? new E2eOptions { Count = 300, WarmupSeconds = 1, Seconds = 2, Peer = false, Smoke = true }
            : new E2eOptions();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--smoke" => options,
                "--no-peer" => options with { Peer = false },
                "--count" => options with { Count = Number<int>(args, ++i) },
                "--runs" => options with { Runs = Math.Max(1, Number<int>(args, ++i)) },
                "--threads" => options with { IndexThreads = Numbers(args, ++i) },
                "--clients" => options with { Clients = Numbers(args, ++i) },
                "--warmup" => options with { WarmupSeconds = Number<double>(args, ++i) },
                "--seconds" => options with { Seconds = Number<double>(args, ++i) },
                "--out" => options with { OutDir = Value(args, ++i) },
                "--service" => options with { ServiceDll = Value(args, ++i) },
                "--index" => options with { ExistingIndex = Directory.Exists(Value(args, ++i)) ? Path.GetFullPath(args[i]) : throw new ArgumentException($"--index: no folder {args[i]}") },
                "--env" => options with { ServiceEnvironment = WithSetting(options.ServiceEnvironment, Value(args, ++i)) },
                var unknown => throw new ArgumentException($"unknown argument {unknown}"),
            };
        }

        return options;
    }

    private static string Value(IReadOnlyList<string> args, int i) =>
        i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");

    private static Dictionary<string, string> WithSetting(IReadOnlyDictionary<string, string> settings, string setting) =>
        setting.Split('=', 2) is [var key, var value]
            ? new Dictionary<string, string>(settings) { [key] = value }
            : throw new ArgumentException($"--env needs KEY=VALUE, not {setting}");

    private static T Number<T>(IReadOnlyList<string> args, int i) where T : INumber<T> =>
        T.TryParse(Value(args, i), CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"{args[i - 1]} needs a number, not {args[i]}");

    private static int[] Numbers(IReadOnlyList<string> args, int i) =>
        Value(args, i).Split(',')
            .Select(n => int.TryParse(n, CultureInfo.InvariantCulture, out var number) && number > 0
                ? number
                : throw new ArgumentException($"{args[i - 1]} needs a comma-separated list of counts above 0, not {args[i]}"))
            .ToArray();
}
