using System.Collections.Concurrent;
using Microsoft.Win32.SafeHandles;

namespace SearchService.Indexing;

/// <summary>
/// Blocks of index files kept in memory for searches, up to a fixed size: a search reads a few hundred short runs of
/// postings, term blocks and stored fields, nearly all of them read by the searches before it, and a block found here
/// costs a dictionary look-up instead of a system call and a copy. Index files never change once written, so a block
/// never goes stale; blocks of deleted files are simply never used again and go first.
/// A block is kept only when it is missed a second time while its first miss is still remembered: on an index many
/// times the cache's size, most blocks a search reads (a rare term's postings, a merge passing through) are never
/// read again, and keeping each would push out one that searches come back to and leave its array behind as garbage
/// for a full collection. A block missed once is read into the reader's own buffer instead. Eviction is the clock
/// (second chance): a block used again since the hand last passed stays one more round.
/// </summary>
internal sealed class BlockCache
{
    public const int BlockSize = 16 * 1024;

    private readonly ConcurrentDictionary<BlockKey, Block> _blocks = new();
    private readonly BlockKey[] _slots;
    private readonly long[] _missed; // fingerprints of recently missed blocks, one per place, overwritten freely
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
        _missed = new long[4 * _slots.Length];
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
    /// Block <paramref name="index"/> of the file: the held copy, or read now, into a new held block when it was
    /// missed recently and otherwise into <paramref name="scratch"/> (allocated once per reader). Its length is
    /// <see cref="BlockLength"/>; a held block is never written.
    /// </summary>
    public byte[] Get(long file, long index, SafeFileHandle handle, long fileLength, string description, ref byte[]? scratch)
    {
        Interlocked.Increment(ref _lookups);
        var key = new BlockKey(file, index);
        if (_blocks.TryGetValue(key, out var block))
        {
            if (!block.Used)
            {
                block.Used = true;
            }

            return block.Data;
        }

        Interlocked.Increment(ref _reads);
        if (!MissedBefore(key))
        {
            return Read(handle, index, fileLength, description, ref scratch);
        }

        var data = GC.AllocateUninitializedArray<byte>(BlockLength(index, fileLength));
        PositionalReadDirectory.ReadFully(handle, data, index * BlockSize, description);
        return Add(key, new Block(data)).Data;
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
    /// Whether the block was missed recently, remembering it now if not. Each fingerprint has one place; a newer miss
    /// there takes it over, so a block missed again only after many others counts as missed once, and a rare clash of
    /// fingerprints keeps a block early: both cost only a read.
    /// </summary>
    private bool MissedBefore(BlockKey key)
    {
        var fingerprint = (long)(((ulong)key.File * 0x9E3779B97F4A7C15UL) ^ ((ulong)key.Index * 0xBF58476D1CE4E5B9UL)) | 1;
        ref var place = ref _missed[(ulong)fingerprint % (ulong)_missed.Length];
        if (Volatile.Read(ref place) == fingerprint)
        {
            return true;
        }

        Volatile.Write(ref place, fingerprint);
        return false;
    }

    private Block Add(BlockKey key, Block block)
    {
        lock (_gate)
        {
            if (_blocks.TryGetValue(key, out var raced))
            {
                return raced; // another search read it meanwhile
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

                slot = _hand;
                _blocks.TryRemove(_slots[slot], out _);
                _hand = (_hand + 1) % _slots.Length;
            }

            _slots[slot] = key;
            _blocks[key] = block;
            return block;
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

    private readonly record struct BlockKey(long File, long Index);
}
