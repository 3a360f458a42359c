using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace SearchService.Analysis;

/// <summary>
/// Every run of three CJK characters, at the position of its first character, over folded text: the term of a
/// three-character query, and the sparse pieces a longer one is tiled from (行政复议法 → 行政复@0 复议法@2), so
/// common terms match without reading the long position lists of their bigrams. Runs break where the bigram
/// field breaks them (punctuation, spaces, letters and digits; quotation marks and brackets are transparent),
/// and one position is left free between runs so a tiling never joins two of them.
/// </summary>
public sealed class TrigramTokenizer : FoldedTokenizer
{
    private readonly IPositionIncrementAttribute _increment;
    private int _next;

    // The last three characters of the current run (start, width), oldest first.
    private readonly int[] _starts = new int[3];
    private readonly int[] _widths = new int[3];
    private int _inRun;
    private bool _broken;
    private int _position;
    private int _emitted;

    public TrigramTokenizer(TextReader input) : base(input)
    {
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
            (_starts[0], _starts[1], _starts[2]) = (_starts[1], _starts[2], i);
            (_widths[0], _widths[1], _widths[2]) = (_widths[1], _widths[2], width);
            i += width;
            if (_inRun >= 3)
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
        _inRun = 0;
        _broken = false;
        _position = -1;
        _emitted = -1;
    }

    private void Emit()
    {
        var term = Term.ResizeBuffer(_widths[0] + _widths[1] + _widths[2]);
        var length = 0;
        for (var k = 0; k < 3; k++)
        {
            Array.Copy(Buffer, _starts[k], term, length, _widths[k]);
            length += _widths[k];
        }

        Term.Length = length;
        var position = _position - 2;
        _increment.PositionIncrement = position - _emitted;
        _emitted = position;
        Offset.SetOffset(CorrectOffset(_starts[0]), CorrectOffset(_starts[2] + _widths[2]));
    }
}
