using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace SearchService.Analysis;

/// <summary>
/// A tokenizer over the whole field value, read and folded (<see cref="FoldedInput"/>) when the stream is reset:
/// subclasses walk <see cref="Buffer"/> and report offsets into it.
/// </summary>
public abstract class FoldedTokenizer : Tokenizer
{
    private char[] _buffer = new char[4096];

    protected FoldedTokenizer(TextReader input) : base(input)
    {
        Term = AddAttribute<ICharTermAttribute>();
        Offset = AddAttribute<IOffsetAttribute>();
    }

    protected ICharTermAttribute Term { get; }
    protected IOffsetAttribute Offset { get; }

    /// <summary>The folded text; only its first <see cref="Length"/> characters are the field value.</summary>
    protected char[] Buffer => _buffer;
    protected int Length { get; private set; }

    public override void Reset()
    {
        base.Reset();
        Length = FoldedInput.Read(m_input, ref _buffer);
    }

    public override void End()
    {
        base.End();
        var final = CorrectOffset(Length);
        Offset.SetOffset(final, final);
    }
}
