using BenchmarkDotNet.Running;
using SearchService.Benchmarks.E2e;

return args switch
{
    ["e2e", .. var rest] => await E2eCommand.RunAsync(rest),
    ["micro", .. var rest] => Micro(rest),
    ["queries", .. var rest] => QueryProfile.Run(rest),
    ["fields", .. var rest] => FieldCost.Run(rest),
    ["median", .. var rest] => await E2eCommand.MedianAsync(rest),
    _ => Usage(),
};

static int Micro(string[] args)
{
    // Results go beside the end-to-end ones, never into the working tree.
    var artifacts = args.Contains("--artifacts") ? [] : new[] { "--artifacts", Path.Combine(Path.GetTempPath(), "searchservice-bench", "micro") };
    BenchmarkSwitcher.FromAssembly(typeof(E2eCommand).Assembly).Run([.. args, .. artifacts]);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine(E2eOptions.Usage);
    Console.Error.WriteLine("       median DIR… (the medians of earlier e2e runs' results.json)");
    Console.Error.WriteLine("       " + QueryProfile.Usage["usage: ".Length..]);
    Console.Error.WriteLine("       " + FieldCost.Usage["usage: ".Length..]);
    Console.Error.WriteLine("       micro [BenchmarkDotNet arguments, e.g. --filter '*Tokenizer*']");
    return 2;
}
