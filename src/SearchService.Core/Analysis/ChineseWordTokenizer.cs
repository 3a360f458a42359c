using ICU4N.Globalization;
using ICU4N.Text;
using Lucene.Net.Analysis.TokenAttributes;

namespace SearchService.Analysis;

/// <summary>
/// Splits text into the words of ICU's dictionary-based word break iterator (the engine behind Lucene's
/// ICUTokenizer): runs of Chinese and Japanese characters by ICU's CJK dictionary (<see cref="CjkDictionary"/>, the
/// same words at three times the speed), the text between them by ICU's word rules. The text is folded first
/// (<see cref="CharacterFolding"/>), one character for one, so offsets stay exact: ICU would not count full-width
/// digits as a number, nor find traditional characters' words.
/// </summary>
/// <remarks>
/// The words are those of ICU's iterator over the whole text but where ICU's are wrong: its dictionary step counts
/// a character beyond the BMP (𠀀) as one position of the text and so cuts the words after it in the wrong places,
/// and it keeps a joiner, variation selector or combining mark after a Han character inside the word (法治 + U+200D).
/// Here such a character is read by the rules on its own: 𠀀 is a word, a joiner nothing. Katakana joined by an
/// underscore (カタカナ_カタカナ), one word to ICU, are two here.
/// </remarks>
public sealed class ChineseWordTokenizer : FoldedTokenizer
{
    private const string Ideographic = "<IDEOGRAPHIC>";

    // The first instance loads ICU's rules and dictionary (~250 ms); clones are cheap and not shared across threads.
    private static readonly BreakIterator Prototype = BreakIterator.GetWordInstance(new UCultureInfo("zh"));

    private readonly BreakIterator _breaker = (BreakIterator)Prototype.Clone();
    private readonly CjkDictionary _dictionary = new();
    private readonly List<int> _runEnds = [];
    private readonly List<(int Start, int End, string Type)> _words = [];
    private readonly ITypeAttribute _type;
    private int _next;

    public ChineseWordTokenizer(TextReader input) : base(input)
    {
        _type = AddAttribute<ITypeAttribute>();
    }

    /// <summary>Loads ICU's rules and the dictionary now, so the first request does not pay for them.</summary>
    public static void Warm()
    {
        Prototype.SetText("法治政府");
        CjkDictionary.Warm();
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        if (_next == _words.Count)
        {
            return false;
        }

        var (start, end, type) = _words[_next++];
        Term.CopyBuffer(Buffer, start, end - start);
        Offset.SetOffset(CorrectOffset(start), CorrectOffset(end));
        _type.Type = type;
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _words.Clear();
        _next = 0;
        var start = 0;
        while (start < Length)
        {
            var end = start + 1;
            if (CjkDictionary.KindOf(Buffer[start]) is not CjkDictionary.RunCharacter.None and var kind)
            {
                var normalized = kind == CjkDictionary.RunCharacter.Dictionary;
                while (end < Length && CjkDictionary.KindOf(Buffer[end]) is not CjkDictionary.RunCharacter.None and var next)
                {
                    normalized &= next == CjkDictionary.RunCharacter.Dictionary;
                    end++;
                }

                if (normalized)
                {
                    AddDictionaryWords(start, end);
                }
                else
                {
                    AddRuleWords(start, end); // ICU normalizes such a run before its dictionary reads it
                }
            }
            else
            {
                var mayHoldWord = MayBeInWord(Buffer[start]);
                while (end < Length && CjkDictionary.KindOf(Buffer[end]) == CjkDictionary.RunCharacter.None)
                {
                    mayHoldWord |= MayBeInWord(Buffer[end]);
                    end++;
                }

                if (mayHoldWord)
                {
                    AddRuleWords(start, end);
                }
            }

            start = end;
        }
    }

    // ICU's rules make no word of spaces, controls and punctuation alone: such text, as after nearly every run of
    // Chinese, is skipped without a call into ICU.
    private static bool MayBeInWord(char c) => !char.IsWhiteSpace(c) && !char.IsControl(c) && !char.IsPunctuation(c);

    private void AddDictionaryWords(int start, int end)
    {
        _runEnds.Clear();
        _dictionary.Split(Buffer.AsSpan(start, end - start), _runEnds);
        var from = start;
        foreach (var wordEnd in _runEnds)
        {
            _words.Add((from, start + wordEnd, Ideographic));
            from = start + wordEnd;
        }
    }

    private void AddRuleWords(int start, int end)
    {
        _breaker.SetText(new ReadOnlyMemory<char>(Buffer, start, end - start));
        var from = _breaker.First();
        for (var to = _breaker.Next(); to != BreakIterator.Done; to = _breaker.Next())
        {
            var status = _breaker.RuleStatus;
            if (status != BreakIterator.WordNone) // spaces and punctuation
            {
                _words.Add((start + from, start + to, status >= BreakIterator.WordIdeo ? Ideographic
                    : status >= BreakIterator.WordLetter ? "<ALPHANUM>" : "<NUM>"));
            }

            from = to;
        }
    }
}
