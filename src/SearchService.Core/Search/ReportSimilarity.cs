using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace SearchService.Search;

/// <summary>
/// Lucene's BM25, unchanged, that also tells what its scorer multiplies and divides by for a term: a kept list
/// (<see cref="PostingsListCache"/>) holds each report's norm beside its frequency, and a sentence's common words at
/// 200k reports, some 3 million postings, are scored from them without the scorer's calls and norm look-up per
/// report.
/// </summary>
public sealed class ReportSimilarity : BM25Similarity
{
    /// <summary>
    /// What BM25's scorer scores a term with under these boosts and statistics, in the same single-precision
    /// operations, so the scores are the same to the last bit.
    /// </summary>
    public TermScoring Scoring(float queryBoost, float topLevelBoost, CollectionStatistics collection, TermStatistics term)
    {
        var idf = IdfExplain(collection, term).Value;
        var weight = idf * queryBoost * topLevelBoost;
        var averageLength = AvgFieldLength(collection);
        var lengths = new float[256];
        for (var norm = 0; norm < lengths.Length; norm++)
        {
            lengths[norm] = K1 * ((1 - B) + (B * DecodeNormValue((byte)norm) / averageLength));
        }

        return new TermScoring(weight * (K1 + 1), lengths);
    }
}

/// <summary>BM25's score of a term in a report: <c>Weight × freq / (freq + Lengths[norm])</c>.</summary>
/// <param name="Weight">The term's idf times its boosts times (k1 + 1).</param>
/// <param name="Lengths">By the report's norm byte: k1 × (1 − b + b × length / average length).</param>
public readonly record struct TermScoring(float Weight, float[] Lengths)
{
    public float Score(int frequency, byte norm) => Score(frequency, Lengths[norm]);

    /// <summary>The score with the report's length term already looked up (<c>Lengths[norm]</c>).</summary>
    public float Score(float frequency, float length) => Weight * frequency / (frequency + length);
}
