using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace SearchService.Analysis;

/// <summary>
/// The substring-recall field's tokens, in one pass over folded text: every CJK character as a unigram at its own
/// position with the bigram it starts stacked on it, and runs of letters and digits as words. Quotation marks and
/// brackets are transparent (“八五”普法 holds 八五普法); other punctuation, spaces and line breaks leave a position
/// gap, so a phrase never matches across them (行政、复议 does not hold 行政复议).
/// </summary>
public sealed class BigramTokenizer : Tokenizer
{
    public const string UnigramType = "<SINGLE>";
    public const string BigramType = "<DOUBLE>";
    public const string WordType = "<ALNUM>";

    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _increment;
    private readonly IPositionLengthAttribute _positionLength;
    private readonly ITypeAttribute _type;
    private char[] _buffer = new char[4096];
    private int _length;
    private int _next;
    private bool _gap;
    // The pending bigram: its two characters (they may have transparent marks between them).
    private int _pairFirst = -1;
    private int _pairFirstWidth;
    private int _pairSecond;
    private int _pairSecondWidth;

    public BigramTokenizer(TextReader input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
        _positionLength = AddAttribute<IPositionLengthAttribute>();
        _type = AddAttribute<ITypeAttribute>();
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        if (_pairFirst >= 0)
        {
            var term = _term.ResizeBuffer(_pairFirstWidth + _pairSecondWidth);
            Array.Copy(_buffer, _pairFirst, term, 0, _pairFirstWidth);
            Array.Copy(_buffer, _pairSecond, term, _pairFirstWidth, _pairSecondWidth);
            _term.Length = _pairFirstWidth + _pairSecondWidth;
            Emit(_pairFirst, _pairSecond + _pairSecondWidth, increment: 0, BigramType);
            _positionLength.PositionLength = 2;
            _pairFirst = -1;
            return true;
        }

        var i = _next;
        while (i < _length)
        {
            var c = _buffer[i];
            var width = char.IsHighSurrogate(c) && i + 1 < _length && char.IsLowSurrogate(_buffer[i + 1]) ? 2 : 1;
            if (IsCjk(c, i, width))
            {
                _term.CopyBuffer(_buffer, i, width);
                Emit(i, i + width, _gap ? 2 : 1, UnigramType);
                _next = i + width;
                QueueBigram(i, width);
                return true;
            }

            if (char.IsLetterOrDigit(c))
            {
                var end = WordEnd(i);
                _term.CopyBuffer(_buffer, i, end - i);
                Emit(i, end, _gap ? 2 : 1, WordType);
                _next = end;
                return true;
            }

            _gap |= !IsTransparent(c);
            i += width;
        }

        _next = _length;
        return false;
    }

    public override void Reset()
    {
        base.Reset();
        _length = FoldedInput.Read(m_input, ref _buffer);
        _next = 0;
        _gap = false;
        _pairFirst = -1;
    }

    public override void End()
    {
        base.End();
        var final = CorrectOffset(_length);
        _offset.SetOffset(final, final);
    }

    /// <summary>Quotation marks and brackets do not separate the characters around them.</summary>
    internal static bool IsTransparent(char c) => c is '“' or '”' or '‘' or '’' or '"' or '\'' or '「' or '」' or '『' or '』'
        or '《' or '》' or '〈' or '〉' or '(' or ')' or '[' or ']' or '【' or '】' or '〔' or '〕' or '·';

    private void Emit(int start, int end, int increment, string type)
    {
        _offset.SetOffset(CorrectOffset(start), CorrectOffset(end));
        _increment.PositionIncrement = increment;
        _type.Type = type;
        _gap = false;
    }

    private void QueueBigram(int start, int width)
    {
        var next = start + width;
        while (next < _length && IsTransparent(_buffer[next]))
        {
            next++;
        }

        if (next >= _length)
        {
            return;
        }

        var nextWidth = char.IsHighSurrogate(_buffer[next]) && next + 1 < _length && char.IsLowSurrogate(_buffer[next + 1]) ? 2 : 1;
        if (IsCjk(_buffer[next], next, nextWidth))
        {
            (_pairFirst, _pairFirstWidth, _pairSecond, _pairSecondWidth) = (start, width, next, nextWidth);
        }
    }

    /// <summary>A run of letters and digits; a point between digits stays inside (3.5).</summary>
    private int WordEnd(int start)
    {
        var end = start;
        while (end < _length)
        {
            var c = _buffer[end];
            if (char.IsLetterOrDigit(c) && !IsCjk(c, end, 1))
            {
                end++;
            }
            else if (c == '.' && end > start && char.IsDigit(_buffer[end - 1]) && end + 1 < _length && char.IsDigit(_buffer[end + 1]))
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

    private bool IsCjk(char c, int index, int width) => IsCjk(_buffer, c, index, width);

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
