using System.Numerics;

namespace SearchService.Indexing;

/// <summary>
/// How often each key was asked for, estimated in a fixed space: a count-min sketch of four rows of counters that
/// stop at 15. Its owner calls <see cref="Halve"/> now and then so that old popularity fades. Updates from several
/// threads may race and lose a count; otherwise an estimate never falls below the key's count.
/// </summary>
internal sealed class FrequencySketch
{
    private const int Rows = 4;
    private const byte Most = 15;

    private readonly byte[] _counts;
    private readonly int _width;
    private readonly int _shift;

    /// <param name="keys">How many keys must be told apart (a cache's places): two counters per key in each row.</param>
    public FrequencySketch(int keys)
    {
        _width = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(64, 2 * keys));
        _shift = 64 - BitOperations.Log2((uint)_width);
        _counts = new byte[Rows * _width];
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
    }

    /// <summary>The uses of the key with this hash counted since the counts last aged (at most 15).</summary>
    public int Estimate(ulong hash)
    {
        int least = Most;
        for (var row = 0; row < Rows; row++)
        {
            least = Math.Min(least, _counts[Place(hash, row)]);
        }

        return least;
    }

    /// <summary>Halves every count: uses long past weigh half as much as those since.</summary>
    public void Halve()
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] >>= 1;
        }
    }

    // Each row takes the top bits of the hash re-mixed by its own odd multiplier, so two keys that share a counter
    // in one row rarely share it in all.
    private int Place(ulong hash, int row) =>
        (row * _width) + (int)((hash * (0x9E3779B97F4A7C15UL + (2UL * (ulong)row))) >> _shift);
}
