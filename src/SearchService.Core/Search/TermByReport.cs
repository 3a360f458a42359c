using System.Numerics;

namespace SearchService.Search;

/// <summary>
/// A common term's frequency in every report of a segment, with each report's length term, summed into a range of
/// reports many reports at a time: the same single-precision operations as <see cref="TermScoring.Score(int, byte)"/>
/// in each lane, so every report's score is the same to the last bit. A sentence's dozen words each stand in most
/// reports, and at 200k reports reading their lists one posting at a time was the largest cost of its search.
/// </summary>
/// <param name="Frequencies">By report, 0 where absent (<see cref="PostingsListCache.Postings.ByReport"/>).</param>
/// <param name="Lengths">By report (<see cref="PostingsListCache.LengthsByReport"/>).</param>
internal sealed record TermByReport(ushort[] Frequencies, float[] Lengths, TermScoring Scoring)
{
    /// <summary>
    /// For each report from <paramref name="from"/> on that holds the term, as many as <paramref name="counts"/>
    /// holds, adds its score to <paramref name="scores"/> and one to <paramref name="counts"/>. A report without the
    /// term scores 0 in the vectors' lanes (0 × weight ÷ its length), and adding 0 leaves its sum as it was.
    /// </summary>
    public void AddFrom(int from, Span<int> counts, Span<double> scores)
    {
        var frequencies = Frequencies.AsSpan(from, counts.Length);
        var lengths = Lengths.AsSpan(from, counts.Length);
        scores = scores[..counts.Length];
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var weight = new Vector<float>(Scoring.Weight);
            for (; i <= frequencies.Length - Vector<ushort>.Count; i += Vector<ushort>.Count)
            {
                Vector.Widen(new Vector<ushort>(frequencies[i..]), out var low, out var high);
                Add(low, weight, lengths[i..], counts[i..], scores[i..]);
                var half = i + Vector<uint>.Count;
                Add(high, weight, lengths[half..], counts[half..], scores[half..]);
            }
        }

        for (; i < frequencies.Length; i++)
        {
            if (frequencies[i] != 0)
            {
                counts[i]++;
                scores[i] += Scoring.Score(frequencies[i], lengths[i]);
            }
        }
    }

    private static void Add(Vector<uint> frequencies, Vector<float> weight, ReadOnlySpan<float> lengths, Span<int> counts, Span<double> scores)
    {
        var frequency = Vector.ConvertToSingle(frequencies);
        Vector.Widen(weight * frequency / (frequency + new Vector<float>(lengths)), out var low, out var high);
        (new Vector<double>(scores) + low).CopyTo(scores);
        (new Vector<double>(scores[Vector<double>.Count..]) + high).CopyTo(scores[Vector<double>.Count..]);
        (new Vector<int>(counts) - Vector.AsVectorInt32(~Vector.Equals(frequencies, Vector<uint>.Zero))).CopyTo(counts);
    }
}
