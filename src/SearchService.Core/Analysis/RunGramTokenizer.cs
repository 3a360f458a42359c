using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace SearchService.Analysis;

/// <summary>
/// Every run of <c>size</c> CJK characters, at the position of its first character, over folded text. With three,
/// the term of a three-character query and the sparse pieces a longer one is tiled from (行政复议法 → 行政复@0
/// 复议法@2), so common terms match without reading the long position lists of their bigrams; with four, the one
/// term of a four-character query. Runs break where the bigram field breaks them (punctuation, spaces, letters and
/// digits; quotation marks and brackets are transparent), and one position is left free between runs so a tiling
/// never joins two of them.
/// </summary>
public sealed class RunGramTokenizer : FoldedTokenizer
{
    private readonly IPositionIncrementAttribute _increment;
    private readonly int _size;
    private int _next;

    // The last `size` characters of the current run (start, width), in a ring: _oldest is the earliest.
    private readonly int[] _starts;
    private readonly int[] _widths;
    private int _oldest;
    private int _inRun;
    private bool _broken;
    private int _position;
    private int _emitted;

    public RunGramTokenizer(TextReader input, int size) : base(input)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        _size = size;
        _starts = new int[size];
        _widths = new int[size];
        _increment = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        var i = _next;
        while (i < Length)
        {
            var c = Buffer[i];
            var width = char.IsHighSurrogate(c) && i + 1 < Length && char.IsLowSurrogate(Buffer[i + 1]) ? 2 : 1;
            if (!BigramTokenizer.IsCjk(Buffer, c, i, width))
            {
                _broken |= !BigramTokenizer.IsTransparent(c);
                i += width;
                continue;
            }

            _position += _broken && _inRun > 0 ? 2 : 1;
            _inRun = _broken ? 1 : _inRun + 1;
            _broken = false;
            _starts[_oldest] = i;
            _widths[_oldest] = width;
            _oldest = _oldest + 1 == _size ? 0 : _oldest + 1;
            i += width;
            if (_inRun >= _size)
            {
                _next = i;
                Emit();
                return true;
            }
        }

        _next = Length;
        return false;
    }

    public override void Reset()
    {
        base.Reset();
        _next = 0;
        _oldest = 0;
        _inRun = 0;
        _broken = false;
        _position = -1;
        _emitted = -1;
    }

    private void Emit()
    {
        var newest = _oldest == 0 ? _size - 1 : _oldest - 1;
        var start = _starts[_oldest];
        var end = _starts[newest] + _widths[newest];
        if (end - start <= _size)
        {
            Term.CopyBuffer(Buffer, start, end - start); // no mark between the characters: one copy
        }
        else
        {
            var term = Term.ResizeBuffer(2 * _size); // a character is one or two chars
            var length = 0;
            for (int k = 0, slot = _oldest; k < _size; k++, slot = slot + 1 == _size ? 0 : slot + 1)
            {
                Array.Copy(Buffer, _starts[slot], term, length, _widths[slot]);
                length += _widths[slot];
            }

            Term.Length = length;
        }

        var position = _position - (_size - 1);
        _increment.PositionIncrement = position - _emitted;
        _emitted = position;
        Offset.SetOffset(CorrectOffset(start), CorrectOffset(end));
    }
}
