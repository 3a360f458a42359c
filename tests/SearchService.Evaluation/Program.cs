using System.Text.Encodings.Web;
using System.Text.Json;
using SearchService.Evaluation;
using SearchService.Extraction;

return args switch
{
    ["accuracy", .. var rest] => AccuracyCommand.Run(rest),
    ["relevance", .. var rest] => RelevanceCommand.Run(rest),
    ["show", var file] => Show(file),
    _ => Usage(),
};

static int Show(string file)
{
    var report = ReportExtractor.Shared.Extract(file, File.ReadAllBytes(file));
    var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    Console.WriteLine(JsonSerializer.Serialize(report with { Text = $"{report.Text[..Math.Min(80, report.Text.Length)]} … {report.Text[^Math.Min(80, report.Text.Length)..]}" }, options));
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: accuracy [--count N] [--corpus DIR] [--examples N] | relevance [--count N] [--corpus DIR] [--index DIR] | show FILE");
    return 2;
}
