using System.Numerics;

namespace SearchService.Indexing;

/// <summary>
/// How often each key was asked for lately, estimated in a fixed space (a count-min sketch of four rows of counters
/// that stop at 15, all halved after every ten uses per key the cache can hold, so old popularity fades). Updates
/// from several threads may race and lose a count; an estimate never falls below the true recent count otherwise.
/// </summary>
internal sealed class FrequencySketch
{
    private const int Rows = 4;
    private const byte Most = 15;

    private readonly byte[] _counts;
    private readonly int _rowMask;
    private readonly int _sampleSize;
    private int _additions;

    /// <param name="keys">How many keys the cache holds: the sketch is sized and aged to tell them apart.</param>
    public FrequencySketch(int keys)
    {
        var width = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(64, 2 * keys));
        _counts = new byte[Rows * width];
        _rowMask = width - 1;
        _sampleSize = 10 * Math.Max(1, keys);
    }

    /// <summary>Counts one more use of the key with this hash.</summary>
    public void Increment(ulong hash)
    {
        for (var row = 0; row < Rows; row++)
        {
            ref var count = ref _counts[Place(hash, row)];
            if (count < Most)
            {
                count++;
            }
        }

        // Not atomic: every look-up of the cache passes here, and a lost addition only delays the halving a little.
        if (++_additions >= _sampleSize)
        {
            Halve();
        }
    }

    /// <summary>The uses of the key with this hash counted lately (at most 15).</summary>
    public int Estimate(ulong hash)
    {
        int least = Most;
        for (var row = 0; row < Rows; row++)
        {
            least = Math.Min(least, _counts[Place(hash, row)]);
        }

        return least;
    }

    private void Halve()
    {
        _additions = _sampleSize / 2;
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] >>= 1;
        }
    }

    // Each row takes its own slice of a re-mixed hash, so two keys that share a counter in one row rarely share it in all.
    private int Place(ulong hash, int row) =>
        (row * (_rowMask + 1)) + (int)((hash * (0x9E3779B97F4A7C15UL + (2UL * (ulong)row))) >> 40 & (ulong)_rowMask);
}
