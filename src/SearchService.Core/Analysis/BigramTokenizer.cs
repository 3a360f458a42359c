using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace SearchService.Analysis;

/// <summary>
/// The substring-recall field's tokens, in one pass over folded text: every CJK character at its own position as
/// the bigram it starts, with its unigram stacked on it where it begins or ends a run of CJK characters (a lone
/// character is its unigram alone), and runs of letters and digits as words. Quotation marks and brackets are
/// transparent (“八五”普法 holds 八五普法); other punctuation, spaces and line breaks leave a position gap, so a
/// phrase never matches across them (行政、复议 does not hold 行政复议).
/// </summary>
/// <remarks>
/// Inside a run the bigrams alone cover every character, so a unigram there would only double the field, the
/// largest of the index (it carries offsets). At a run's edges the unigram lets a phrase pin a character next to
/// a word or a gap (2022年 is 2022 then 年 where a run begins); a query that is one character alone matches every
/// token it starts (see <see cref="Search.QueryTranslator"/>).
/// </remarks>
public sealed class BigramTokenizer : FoldedTokenizer
{
    public const string UnigramType = "<SINGLE>";
    public const string BigramType = "<DOUBLE>";
    public const string WordType = "<ALNUM>";

    private readonly IPositionIncrementAttribute _increment;
    private readonly IPositionLengthAttribute _positionLength;
    private readonly ITypeAttribute _type;
    private int _next;
    private bool _gap;
    // Whether the last CJK character paired with the next one: that one then continues its run.
    private bool _runContinues;
    // The pending bigram: its two characters (they may have transparent marks between them).
    private int _pairFirst = -1;
    private int _pairFirstWidth;
    private int _pairSecond;
    private int _pairSecondWidth;

    public BigramTokenizer(TextReader input) : base(input)
    {
        _increment = AddAttribute<IPositionIncrementAttribute>();
        _positionLength = AddAttribute<IPositionLengthAttribute>();
        _type = AddAttribute<ITypeAttribute>();
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        if (_pairFirst >= 0)
        {
            EmitPair(increment: 0);
            return true;
        }

        var i = _next;
        while (i < Length)
        {
            var c = Buffer[i];
            var width = char.IsHighSurrogate(c) && i + 1 < Length && char.IsLowSurrogate(Buffer[i + 1]) ? 2 : 1;
            if (IsCjk(c, i, width))
            {
                var increment = _gap ? 2 : 1;
                var beginsRun = !_runContinues;
                _next = i + width;
                QueueBigram(i, width);
                _runContinues = _pairFirst >= 0;
                if (beginsRun || !_runContinues)
                {
                    Term.CopyBuffer(Buffer, i, width);
                    Emit(i, i + width, increment, UnigramType);
                }
                else
                {
                    EmitPair(increment);
                }

                return true;
            }

            if (char.IsLetterOrDigit(c))
            {
                var end = WordEnd(i);
                Term.CopyBuffer(Buffer, i, end - i);
                Emit(i, end, _gap ? 2 : 1, WordType);
                _next = end;
                return true;
            }

            _gap |= !IsTransparent(c);
            i += width;
        }

        _next = Length;
        return false;
    }

    public override void Reset()
    {
        base.Reset();
        _next = 0;
        _gap = false;
        _runContinues = false;
        _pairFirst = -1;
    }

    /// <summary>Quotation marks and brackets do not separate the characters around them.</summary>
    internal static bool IsTransparent(char c) => c is '“' or '”' or '‘' or '’' or '"' or '\'' or '「' or '」' or '『' or '』'
        or '《' or '》' or '〈' or '〉' or '(' or ')' or '[' or ']' or '【' or '】' or '〔' or '〕' or '·';

    private void Emit(int start, int end, int increment, string type)
    {
        Offset.SetOffset(CorrectOffset(start), CorrectOffset(end));
        _increment.PositionIncrement = increment;
        _type.Type = type;
        _gap = false;
    }

    private void EmitPair(int increment)
    {
        var term = Term.ResizeBuffer(_pairFirstWidth + _pairSecondWidth);
        Array.Copy(Buffer, _pairFirst, term, 0, _pairFirstWidth);
        Array.Copy(Buffer, _pairSecond, term, _pairFirstWidth, _pairSecondWidth);
        Term.Length = _pairFirstWidth + _pairSecondWidth;
        Emit(_pairFirst, _pairSecond + _pairSecondWidth, increment, BigramType);
        _positionLength.PositionLength = 2;
        _pairFirst = -1;
    }

    private void QueueBigram(int start, int width)
    {
        var next = start + width;
        while (next < Length && IsTransparent(Buffer[next]))
        {
            next++;
        }

        if (next >= Length)
        {
            return;
        }

        var nextWidth = char.IsHighSurrogate(Buffer[next]) && next + 1 < Length && char.IsLowSurrogate(Buffer[next + 1]) ? 2 : 1;
        if (IsCjk(Buffer[next], next, nextWidth))
        {
            (_pairFirst, _pairFirstWidth, _pairSecond, _pairSecondWidth) = (start, width, next, nextWidth);
        }
    }

    /// <summary>A run of letters and digits; a point between digits stays inside (3.5).</summary>
    private int WordEnd(int start)
    {
        var end = start;
        while (end < Length)
        {
            var c = Buffer[end];
            if (char.IsLetterOrDigit(c) && !IsCjk(c, end, 1))
            {
                end++;
            }
            else if (c == '.' && end > start && char.IsDigit(Buffer[end - 1]) && end + 1 < Length && char.IsDigit(Buffer[end + 1]))
            {
                end++;
            }
            else
            {
                break;
            }
        }

        return end;
    }

    private bool IsCjk(char c, int index, int width) => IsCjk(Buffer, c, index, width);

    /// <summary>Whether the character at <paramref name="index"/> (<paramref name="width"/> UTF-16 units) is Chinese, Japanese or Korean.</summary>
    internal static bool IsCjk(char[] buffer, char c, int index, int width)
    {
        if (width == 2)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, buffer[index + 1]));
            return category == UnicodeCategory.OtherLetter; // the ideograph extensions beyond the BMP
        }

        return c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\u3040' and <= '\u30FF' or >= '\uAC00' and <= '\uD7AF' or '〇';
    }
}
