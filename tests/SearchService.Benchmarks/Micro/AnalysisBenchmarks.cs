using System.Text;
using BenchmarkDotNet.Attributes;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using SearchService.Analysis;
using SearchService.Extraction;

namespace SearchService.Benchmarks.Micro;

/// <summary>Tokenizer throughput over the seed texts: the word field (ICU dictionary) and the bigram field.</summary>
[Config(typeof(MicroConfig))]
public class AnalysisBenchmarks : IMeasuredWork
{
    private static readonly Lazy<string[]> Texts = new(() =>
        Seeds.Raw.Select(s => ReportExtractor.Shared.Extract(s.Path, s.Content).Text).ToArray());

    private readonly Analyzer _words = new WordAnalyzer();
    private readonly Analyzer _bigrams = new BigramAnalyzer();

    public static double UnitsPerOperation => Texts.Value.Sum(t => Encoding.UTF8.GetByteCount(t)) / 1e6;
    public static string Unit => "MB";

    [Benchmark]
    public int Words() => Tokens(_words);

    [Benchmark]
    public int Bigrams() => Tokens(_bigrams);

    private static int Tokens(Analyzer analyzer)
    {
        var count = 0;
        foreach (var text in Texts.Value)
        {
            using var stream = analyzer.GetTokenStream("body", text);
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                count += term.Length;
            }

            stream.End();
        }

        return count;
    }
}
