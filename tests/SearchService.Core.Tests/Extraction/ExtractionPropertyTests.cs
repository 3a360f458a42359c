using System.Text;
using CsCheck;
using SearchService.Extraction;

namespace SearchService.Tests.Extraction;

/// <summary>Invariants that hold for any page: no exception, sections inside the text in order, text from the input.</summary>
public sealed class ExtractionPropertyTests
{
    private static readonly string[] SeedLines = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds"), "*.txt")
        .SelectMany(File.ReadAllLines).Where(l => l.Trim().Length > 0).ToArray();

    private static readonly Gen<string> Page =
        Gen.Int[0, SeedLines.Length - 1].Select(i => SeedLines[i]).Array[0, 60]
            .Select(Gen.Int[0, 2].Select(k => k switch { 0 => "\n", 1 => "\r\n", _ => "\n\n" }), (lines, newline) => string.Join(newline, lines));

    [Fact]
    public void AnyMixOfReportAndChromeLinesExtractsWithConsistentSections()
    {
        Page.Sample(page =>
        {
            var report = ReportExtractor.Shared.Extract("mix.txt", Encoding.UTF8.GetBytes(page));
            var previousEnd = -1;
            foreach (var s in report.Sections)
            {
                Assert.InRange(s.Start, previousEnd + 1, report.Text.Length);
                Assert.InRange(s.End, s.Start, report.Text.Length);
                Assert.StartsWith(s.Heading, report.Text[s.Start..]);
                previousEnd = s.End;
            }
            foreach (var line in report.Text.Split('\n'))
            {
                Assert.Contains(line, page);
            }
        }, iter: 300);
    }
}
