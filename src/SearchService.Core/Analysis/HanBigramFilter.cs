using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;

namespace SearchService.Analysis;

/// <summary>
/// Lucene's CJKBigramFilter for the Han, Hiragana, Katakana and Hangul tokens of StandardTokenizer, token for
/// token the same output, but the token read ahead at the end of a run of CJK characters is kept in fields
/// instead of a captured state: CaptureState clones every attribute, once per clause of Chinese text, and that
/// was a quarter of all indexing time.
/// </summary>
public sealed class HanBigramFilter : TokenFilter
{
    private const string SingleType = "<SINGLE>";
    private const string DoubleType = "<DOUBLE>";
    private const int CompactAbove = 64;

    private static readonly string[] TokenTypes = StandardTokenizer.TOKEN_TYPES;
    private static readonly string HanType = TokenTypes[StandardTokenizer.IDEOGRAPHIC];
    private static readonly string HiraganaType = TokenTypes[StandardTokenizer.HIRAGANA];
    private static readonly string KatakanaType = TokenTypes[StandardTokenizer.KATAKANA];
    private static readonly string HangulType = TokenTypes[StandardTokenizer.HANGUL];

    private readonly bool _outputUnigrams;
    private readonly ICharTermAttribute _term;
    private readonly ITypeAttribute _type;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _positionIncrement;
    private readonly IPositionLengthAttribute _positionLength;
    private readonly PeekedToken _peeked = new();

    // Code points of the current CJK run with their offsets; _index is the next one to emit.
    private int[] _codePoints = new int[8];
    private int[] _starts = new int[8];
    private int[] _ends = new int[8];
    private int _length;
    private int _index;
    private int _lastEndOffset;
    private bool _exhausted;
    private bool _bigramNext;

    public HanBigramFilter(TokenStream input, bool outputUnigrams) : base(input)
    {
        _outputUnigrams = outputUnigrams;
        _term = AddAttribute<ICharTermAttribute>();
        _type = AddAttribute<ITypeAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _positionIncrement = AddAttribute<IPositionIncrementAttribute>();
        _positionLength = AddAttribute<IPositionLengthAttribute>();
    }

    private bool HasBufferedBigram => _length - _index > 1;

    private bool HasBufferedUnigram => _outputUnigrams ? _length - _index == 1 : _length == 1 && _index == 0;

    public override bool IncrementToken()
    {
        while (true)
        {
            if (HasBufferedBigram)
            {
                // With unigrams, ABC gives A, AB (stacked on A), B, BC, C.
                if (!_outputUnigrams)
                {
                    FlushBigram();
                }
                else if (_bigramNext)
                {
                    FlushBigram();
                    _bigramNext = false;
                }
                else
                {
                    FlushUnigram();
                    _index--;
                    _bigramNext = true;
                }

                return true;
            }

            if (!Next())
            {
                // No more input: a last buffered character is a unigram.
                if (HasBufferedUnigram)
                {
                    FlushUnigram();
                    return true;
                }

                return false;
            }

            var type = _type.Type;
            if (!IsCjk(type))
            {
                // Passed through as is, after the unigram it ends.
                if (HasBufferedUnigram)
                {
                    _peeked.Save(_term, _type, _offset, _positionIncrement);
                    FlushUnigram();
                }

                return true;
            }

            if (_offset.StartOffset != _lastEndOffset)
            {
                // Not adjacent to the run so far: it starts a new run, after the unigram the old one ends with.
                if (HasBufferedUnigram)
                {
                    _peeked.Save(_term, _type, _offset, _positionIncrement);
                    FlushUnigram();
                    return true;
                }

                _index = 0;
                _length = 0;
            }

            Refill();
        }
    }

    public override void Reset()
    {
        base.Reset();
        _length = 0;
        _index = 0;
        _lastEndOffset = 0;
        _peeked.Clear();
        _exhausted = false;
        _bigramNext = false;
    }

    private static bool IsCjk(string type) =>
        type == HanType || type == HiraganaType || type == KatakanaType || type == HangulType;

    private bool Next()
    {
        if (_peeked.Restore(_term, _type, _offset, _positionIncrement, _positionLength))
        {
            return true;
        }

        if (_exhausted)
        {
            return false;
        }

        _exhausted = !m_input.IncrementToken();
        return !_exhausted;
    }

    private void Refill()
    {
        if (_length > CompactAbove)
        {
            // Only the last code point can still form a bigram.
            var last = _length - 1;
            _codePoints[0] = _codePoints[last];
            _starts[0] = _starts[last];
            _ends[0] = _ends[last];
            _length = 1;
            _index -= last;
        }

        var term = _term.Buffer.AsSpan(0, _term.Length);
        var start = _offset.StartOffset;
        var end = _offset.EndOffset;
        var needed = _length + term.Length;
        if (needed > _codePoints.Length)
        {
            var size = Math.Max(needed, _codePoints.Length * 2);
            Array.Resize(ref _codePoints, size);
            Array.Resize(ref _starts, size);
            Array.Resize(ref _ends, size);
        }

        _lastEndOffset = end;
        // Offsets that do not match the term's length (changed by a char filter) are kept whole for every code point.
        var exact = end - start == term.Length;
        for (var i = 0; i < term.Length;)
        {
            Rune.DecodeFromUtf16(term[i..], out var rune, out var consumed);
            _codePoints[_length] = rune.Value;
            _starts[_length] = start;
            _ends[_length] = exact ? start + consumed : end;
            if (exact)
            {
                start += consumed;
            }

            _length++;
            i += consumed;
        }
    }

    private void FlushBigram()
    {
        ClearAttributes();
        var buffer = _term.ResizeBuffer(4);
        var first = new Rune(_codePoints[_index]).EncodeToUtf16(buffer);
        _term.Length = first + new Rune(_codePoints[_index + 1]).EncodeToUtf16(buffer.AsSpan(first));
        _offset.SetOffset(_starts[_index], _ends[_index + 1]);
        _type.Type = DoubleType;
        if (_outputUnigrams)
        {
            // A bigram is a synonym spanning its two unigrams.
            _positionIncrement.PositionIncrement = 0;
            _positionLength.PositionLength = 2;
        }

        _index++;
    }

    private void FlushUnigram()
    {
        ClearAttributes();
        var buffer = _term.ResizeBuffer(2);
        _term.Length = new Rune(_codePoints[_index]).EncodeToUtf16(buffer);
        _offset.SetOffset(_starts[_index], _ends[_index]);
        _type.Type = SingleType;
        _index++;
    }

    /// <summary>The input token read ahead of a pending unigram, replayed as the next input token.</summary>
    private sealed class PeekedToken
    {
        private char[] _term = new char[16];
        private int _length = -1;
        private string _type = "";
        private int _start;
        private int _end;
        private int _positionIncrement;

        public void Save(ICharTermAttribute term, ITypeAttribute type, IOffsetAttribute offset, IPositionIncrementAttribute increment)
        {
            if (_term.Length < term.Length)
            {
                _term = new char[term.Length];
            }

            term.Buffer.AsSpan(0, term.Length).CopyTo(_term);
            _length = term.Length;
            _type = type.Type;
            _start = offset.StartOffset;
            _end = offset.EndOffset;
            _positionIncrement = increment.PositionIncrement;
        }

        public bool Restore(ICharTermAttribute term, ITypeAttribute type, IOffsetAttribute offset, IPositionIncrementAttribute increment, IPositionLengthAttribute positionLength)
        {
            if (_length < 0)
            {
                return false;
            }

            term.CopyBuffer(_term, 0, _length);
            type.Type = _type;
            offset.SetOffset(_start, _end);
            increment.PositionIncrement = _positionIncrement;
            positionLength.PositionLength = 1;
            _length = -1;
            return true;
        }

        public void Clear() => _length = -1;
    }
}
