using System.Collections.Concurrent;
using Microsoft.Win32.SafeHandles;

namespace SearchService.Indexing;

/// <summary>
/// Blocks of index files kept in memory for searches, up to a fixed size: a search reads a few hundred short runs of
/// postings, term blocks and stored fields, nearly all of them read by the searches before it, and a block found here
/// costs a dictionary look-up instead of a system call and a copy. Index files never change once written, so a block
/// never goes stale; blocks of deleted files are simply never used again and go first. Eviction is the clock
/// (second chance): a block used again since the hand last passed stays one more round.
/// </summary>
internal sealed class BlockCache
{
    public const int BlockSize = 16 * 1024;

    private readonly ConcurrentDictionary<BlockKey, Block> _blocks = new();
    private readonly BlockKey[] _slots;
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
    }

    /// <summary>Blocks held now.</summary>
    public int Count => _blocks.Count;

    /// <summary>Blocks asked for so far.</summary>
    public long Lookups => Interlocked.Read(ref _lookups);

    /// <summary>Blocks read from files so far (the look-ups that missed).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>A number for one opened file: its blocks are cached under it.</summary>
    public long NewFile() => Interlocked.Increment(ref _nextFile);

    /// <summary>Block <paramref name="index"/> of the file, read now unless it is held.</summary>
    public Block Get(long file, long index, SafeFileHandle handle, long fileLength, string description)
    {
        Interlocked.Increment(ref _lookups);
        var key = new BlockKey(file, index);
        if (_blocks.TryGetValue(key, out var block))
        {
            if (!block.Used)
            {
                block.Used = true;
            }

            return block;
        }

        var position = index * BlockSize;
        var data = GC.AllocateUninitializedArray<byte>((int)Math.Min(BlockSize, fileLength - position));
        PositionalReadDirectory.ReadFully(handle, data, position, description);
        Interlocked.Increment(ref _reads);
        return Add(key, new Block(data));
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

    /// <summary>A block's bytes (shorter than <see cref="BlockSize"/> at the end of a file); never changed once read.</summary>
    public sealed class Block(byte[] data)
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
