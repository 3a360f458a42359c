using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace SearchService.Analysis;

internal static class TokenAssert
{
    /// <summary>
    /// Asserts the exact terms and offsets, that offsets never go backwards, that the final offset is the text's
    /// length, and, when <paramref name="offsetsCoverTerms"/>, that each term is the text at its offsets (folded).
    /// </summary>
    public static void Produces(Analyzer analyzer, string text, bool offsetsCoverTerms, params (string Term, int Start, int End)[] expected)
    {
        var actual = new List<(string, int, int)>();
        using (var stream = analyzer.GetTokenStream("f", text))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            var lastStart = 0;
            while (stream.IncrementToken())
            {
                Assert.True(offset.StartOffset >= lastStart, $"offsets went backwards at '{term}'");
                lastStart = offset.StartOffset;
                actual.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
                if (offsetsCoverTerms)
                {
                    var covered = text[offset.StartOffset..offset.EndOffset].ToCharArray();
                    CharacterFolding.Fold(covered);
                    Assert.Equal(term.ToString(), new string(covered));
                }
            }

            stream.End();
            Assert.Equal(text.Length, offset.EndOffset);
        }

        Assert.Equal(expected.ToList(), actual);
    }

    public static List<string> Terms(Analyzer analyzer, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream("f", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    /// <summary>Each term with its offsets and type.</summary>
    public static List<(string Term, int Start, int End, string Type)> Tokens(Analyzer analyzer, string text)
    {
        var tokens = new List<(string, int, int, string)>();
        using var stream = analyzer.GetTokenStream("f", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add((term.ToString(), offset.StartOffset, offset.EndOffset, type.Type));
        }

        stream.End();
        return tokens;
    }

    /// <summary>Each term with its position increment.</summary>
    public static List<(string, int)> TermsAndIncrements(Analyzer analyzer, string text)
    {
        var tokens = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream("f", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add((term.ToString(), increment.PositionIncrement));
        }

        stream.End();
        return tokens;
    }
}
