using System.Collections.Concurrent;
using Microsoft.Win32.SafeHandles;

namespace SearchService.Indexing;

/// <summary>
/// Blocks of index files kept in memory for searches, up to a fixed size: a search reads a few hundred short runs of
/// postings, term blocks and stored fields, nearly all of them read by the searches before it, and a block found here
/// costs a dictionary look-up instead of a system call and a copy. Index files never change once written, so a block
/// never goes stale; blocks of deleted files are never used again and go as their counts fade.
/// What is kept follows how often each block was asked for lately (<see cref="FrequencySketch"/>): a block is kept
/// when it is missed a second time, and once the cache is full only when it was asked for more often than the block
/// the clock would put out (the clock: a block used again since the hand last passed stays one more round). On an
/// index many times the cache's size, searches cycle through far more blocks than fit; keeping each one they miss
/// would put out a block they come back to just as often and leave its array behind as garbage that only a full
/// collection frees. A block not kept is read into the reader's own buffer.
/// </summary>
internal sealed class BlockCache
{
    public const int BlockSize = 16 * 1024;

    // Set on a thread while it merges segments (UncachedMergeScheduler).
    [ThreadStatic]
    private static bool t_merging;

    private readonly ConcurrentDictionary<BlockKey, Block> _blocks = new();
    private readonly BlockKey[] _slots;
    private readonly FrequencySketch _frequency;

    // "Lately": the counts halve after every five look-ups per place, from the tenth on, so that the cache fills
    // before popularity first fades.
    private readonly long _agePeriod;
    private readonly Lock _gate = new();
    private long _nextFile;
    private long _lookups;
    private long _reads;
    private int _used;
    private int _hand;

    public BlockCache(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityBytes, BlockSize);
        _slots = new BlockKey[capacityBytes / BlockSize];
        _frequency = new FrequencySketch(_slots.Length);
        _agePeriod = 5L * _slots.Length;
    }

    /// <summary>Blocks held now.</summary>
    public int Count => _blocks.Count;

    /// <summary>Blocks asked for so far.</summary>
    public long Lookups => Interlocked.Read(ref _lookups);

    /// <summary>Blocks read from files so far (the look-ups that missed), kept or not.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>A number for one opened file: its blocks are cached under it.</summary>
    public long NewFile() => Interlocked.Increment(ref _nextFile);

    /// <summary>
    /// Block <paramref name="index"/> of the file: the held copy, or read now into <paramref name="scratch"/>
    /// (allocated once per reader) and kept in a copy when it is asked for often enough. Its length is
    /// <see cref="BlockLength"/>; a held block is never written.
    /// </summary>
    public byte[] Get(long file, long index, SafeFileHandle handle, long fileLength, string description, ref byte[]? scratch)
    {
        var key = new BlockKey(file, index);
        if (t_merging)
        {
            return _blocks.TryGetValue(key, out var held) ? held.Data : Read(handle, index, fileLength, description, ref scratch);
        }

        _frequency.Increment(key.Hash);
        if (Interlocked.Increment(ref _lookups) is var lookups && lookups % _agePeriod == 0 && lookups > _agePeriod)
        {
            _frequency.Halve();
        }

        if (_blocks.TryGetValue(key, out var block))
        {
            if (!block.Used)
            {
                block.Used = true;
            }

            return block.Data;
        }

        Interlocked.Increment(ref _reads);
        var data = Read(handle, index, fileLength, description, ref scratch);
        var asked = _frequency.Estimate(key.Hash);
        return asked < 2 ? data : Keep(key, asked, data.AsSpan(0, BlockLength(index, fileLength))) ?? data;
    }

    /// <summary>
    /// Runs <paramref name="merge"/> with this thread's reads passing the cache: a held block is used, but nothing is
    /// counted or kept. A merge reads a segment once, in order, yet asks twice for each block two terms' postings
    /// share, which is what the cache keeps: at 200,000 reports the merges during a load, when no search runs, filled
    /// the cache and left each block it put out as garbage for a full collection.
    /// </summary>
    public static void Merging(Action merge)
    {
        t_merging = true;
        try
        {
            merge();
        }
        finally
        {
            t_merging = false;
        }
    }

    /// <summary>How many bytes block <paramref name="index"/> of a file holds: all but the last hold <see cref="BlockSize"/>.</summary>
    public static int BlockLength(long index, long fileLength) => (int)Math.Min(BlockSize, fileLength - index * BlockSize);

    /// <summary>Reads block <paramref name="index"/> of a file into <paramref name="buffer"/>, allocated on first use.</summary>
    public static byte[] Read(SafeFileHandle handle, long index, long fileLength, string description, ref byte[]? buffer)
    {
        buffer ??= GC.AllocateUninitializedArray<byte>(BlockSize);
        PositionalReadDirectory.ReadFully(handle, buffer.AsSpan(0, BlockLength(index, fileLength)), index * BlockSize, description);
        return buffer;
    }

    /// <summary>
    /// Keeps a copy of a block just read, in a free place or in the place of the block the clock points at when this
    /// one was <paramref name="asked"/> for more often; returns the held bytes, or null when the block is not kept.
    /// </summary>
    private byte[]? Keep(BlockKey key, int asked, ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            if (_blocks.TryGetValue(key, out var raced))
            {
                return raced.Data; // another search kept it meanwhile
            }

            int slot;
            if (_used < _slots.Length)
            {
                slot = _used++;
            }
            else
            {
                while (_blocks.TryGetValue(_slots[_hand], out var held) && held.Used)
                {
                    held.Used = false;
                    _hand = (_hand + 1) % _slots.Length;
                }

                if (asked <= _frequency.Estimate(_slots[_hand].Hash))
                {
                    return null; // the hand stays: the next block missed is weighed against the same one
                }

                slot = _hand;
                _blocks.TryRemove(_slots[slot], out _);
                _hand = (_hand + 1) % _slots.Length;
            }

            // On the pinned heap, which is never compacted: a kept block lives long, and copying each one up through the
            // generations was most of what the collections of a busy 200k index did.
            var bytes = GC.AllocateUninitializedArray<byte>(data.Length, pinned: true);
            data.CopyTo(bytes);
            var kept = new Block(bytes);
            _slots[slot] = key;
            _blocks[key] = kept;
            return kept.Data;
        }
    }

    /// <summary>A held block's bytes (shorter than <see cref="BlockSize"/> at the end of a file); never changed once read.</summary>
    private sealed class Block(byte[] data)
    {
        public byte[] Data { get; } = data;

        /// <summary>
        /// Whether a search used the block again since it was read or the clock's hand last passed it: a block read
        /// once, by a scan of a rare term, goes before one that searches keep coming back to.
        /// </summary>
        public bool Used { get; set; }
    }

    private readonly record struct BlockKey(long File, long Index)
    {
        public ulong Hash => ((ulong)File * 0x9E3779B97F4A7C15UL) ^ ((ulong)Index * 0xBF58476D1CE4E5B9UL);
    }
}
