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
public sealed class ChineseWordTokenizer : Tokenizer
{
    // The first instance loads the CJK dictionary (~250 ms); clones are cheap and not shared across threads.
    private static readonly BreakIterator Prototype = BreakIterator.GetWordInstance(new UCultureInfo("zh"));

    private readonly BreakIterator _breaker = (BreakIterator)Prototype.Clone();
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly ITypeAttribute _type;
    private char[] _buffer = new char[4096];
    private int _length;
    private int _start;

    public ChineseWordTokenizer(TextReader input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
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

            _term.CopyBuffer(_buffer, start, end - start);
            _offset.SetOffset(CorrectOffset(start), CorrectOffset(end));
            _type.Type = status >= BreakIterator.WordIdeo ? "<IDEOGRAPHIC>"
                : status >= BreakIterator.WordLetter ? "<ALPHANUM>" : "<NUM>";
            return true;
        }

        return false;
    }

    public override void Reset()
    {
        base.Reset();
        _length = FoldedInput.Read(m_input, ref _buffer);
        _breaker.SetText(new ReadOnlyMemory<char>(_buffer, 0, _length));
        _start = _breaker.First();
    }

    public override void End()
    {
        base.End();
        var final = CorrectOffset(_length);
        _offset.SetOffset(final, final);
    }
}
