using ICU4N.Globalization;
using ICU4N.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace SearchService.Analysis;

/// <summary>
/// Splits text into words with ICU's dictionary-based word break iterator (the engine behind Lucene's
/// ICUTokenizer). The text is folded first (<see cref="CharacterFolding"/>), one character for one, so offsets
/// stay exact: ICU would not count full-width digits as a number, nor find traditional characters' words.
/// </summary>
public sealed class ChineseWordTokenizer : FoldedTokenizer
{
    // The first instance loads the CJK dictionary (~250 ms); clones are cheap and not shared across threads.
    private static readonly BreakIterator Prototype = BreakIterator.GetWordInstance(new UCultureInfo("zh"));

    private readonly BreakIterator _breaker = (BreakIterator)Prototype.Clone();
    private readonly ITypeAttribute _type;
    private int _start;

    public ChineseWordTokenizer(TextReader input) : base(input)
    {
        _type = AddAttribute<ITypeAttribute>();
    }

    /// <summary>Loads the dictionary now, so the first request does not pay for it.</summary>
    public static void Warm() => Prototype.SetText("法治政府");

    public override bool IncrementToken()
    {
        ClearAttributes();
        for (var end = _breaker.Next(); end != BreakIterator.Done; end = _breaker.Next())
        {
            var start = _start;
            _start = end;
            var status = _breaker.RuleStatus;
            if (status == BreakIterator.WordNone)
            {
                continue; // spaces and punctuation
            }

            Term.CopyBuffer(Buffer, start, end - start);
            Offset.SetOffset(CorrectOffset(start), CorrectOffset(end));
            _type.Type = status >= BreakIterator.WordIdeo ? "<IDEOGRAPHIC>"
                : status >= BreakIterator.WordLetter ? "<ALPHANUM>" : "<NUM>";
            return true;
        }

        return false;
    }

    public override void Reset()
    {
        base.Reset();
        _breaker.SetText(new ReadOnlyMemory<char>(Buffer, 0, Length));
        _start = _breaker.First();
    }
}
