using System.Numerics;
using System.Runtime.CompilerServices;
using Lucene.Net.Store;
using Microsoft.Win32.SafeHandles;

namespace SearchService.Indexing;

/// <summary>
/// Reads index files with positional reads (<see cref="RandomAccess.Read(SafeFileHandle, Span{byte}, long)"/>),
/// compound-file slices included, and keeps what searches read in a <see cref="BlockCache"/>. Lucene.Net's
/// NIOFSDirectory shares one FileStream among all clones of an input: every refill takes a lock, asks the file's
/// length (a system call), seeks and reads through the stream, and two searches reading the same file wait for each
/// other. A positional read needs none of that, and writing stays NIOFSDirectory's. Merges read past the cache, block
/// by block into a buffer of its own, whatever context their files were opened in: IndexWriter merges a segment that
/// searches have open through their reader, so the merge's thread is what tells (<see cref="UncachedMergeScheduler"/>).
/// </summary>
internal sealed class PositionalReadDirectory(DirectoryInfo path, BlockCache? cache) : NIOFSDirectory(path)
{
    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        var file = OpenIndexFile(name);
        return new Input(file.Description, file, 0, file.Length, ownsHandle: true);
    }

    public override IndexInputSlicer CreateSlicer(string name, IOContext context)
    {
        EnsureOpen();
        return new Slicer(OpenIndexFile(name));
    }

    /// <summary>Reads <paramref name="target"/>'s length from <paramref name="position"/> on, or fails naming the file.</summary>
    internal static void ReadFully(SafeFileHandle handle, Span<byte> target, long position, string description)
    {
        while (target.Length > 0)
        {
            var read = RandomAccess.Read(handle, target, position);
            if (read <= 0)
            {
                throw new EndOfStreamException($"{description} ended at {position}: the file is shorter than when it was opened");
            }

            position += read;
            target = target[read..];
        }
    }

    private OpenFile OpenIndexFile(string name)
    {
        var handle = File.OpenHandle(Path.Combine(Directory.FullName, name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new OpenFile(handle, RandomAccess.GetLength(handle), $"{name} in {Directory.FullName}", cache, cache?.NewFile() ?? 0);
    }

    /// <summary>An open index file, and the cache its reads go through, if any.</summary>
    private sealed record OpenFile(SafeFileHandle Handle, long Length, string Description, BlockCache? Cache, long Id);

    private sealed class Slicer(OpenFile file) : IndexInputSlicer
    {
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length) =>
            new Input($"{sliceDescription} of {file.Description}", file, offset, length, ownsHandle: false);

        [Obsolete("Only for reading CFS files from 3.x indexes.")]
        public override IndexInput OpenFullSlice() => OpenSlice("whole file", 0, file.Length);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                file.Handle.Dispose();
            }
        }
    }

    /// <summary>
    /// A file, or the slice of one from <c>start</c>, read at its own position; clones share the handle and never
    /// close it. Its buffer is a cached block (shared, never written) or a block of its own.
    /// </summary>
    private sealed class Input(string description, OpenFile file, long start, long length, bool ownsHandle)
        : IndexInput(description)
    {
        private bool _ownsHandle = ownsHandle;
        private byte[]? _buffer;
        private byte[]? _scratch; // this reader's own block, for blocks the cache does not keep
        private long _bufferStart; // the position (in this slice) of _buffer[0]; below zero when a block begins before the slice
        private int _bufferBegin; // the first byte of _buffer inside the slice
        private int _bufferLength; // the end of the bytes of _buffer inside the slice
        private int _bufferPosition;

        public override long Length => length;

        public override long Position => _bufferStart + _bufferPosition;

        public override void Seek(long pos)
        {
            if (pos >= _bufferStart + _bufferBegin && pos <= _bufferStart + _bufferLength)
            {
                _bufferPosition = (int)(pos - _bufferStart);
                return;
            }

            _bufferStart = pos;
            _bufferBegin = _bufferLength = _bufferPosition = 0;
        }

        public override byte ReadByte()
        {
            if (_bufferPosition >= _bufferLength)
            {
                Refill();
            }

            return _buffer![_bufferPosition++];
        }

        public override void ReadBytes(byte[] b, int offset, int len) => ReadBytes(b, offset, len, useBuffer: true);

        public override void ReadBytes(byte[] b, int offset, int len, bool useBuffer)
        {
            while (true)
            {
                var available = Math.Min(_bufferLength - _bufferPosition, len);
                _buffer.AsSpan(_bufferPosition, available).CopyTo(b.AsSpan(offset));
                _bufferPosition += available;
                offset += available;
                len -= available;
                if (len == 0)
                {
                    return;
                }

                if (len >= BlockCache.BlockSize || !useBuffer)
                {
                    // A long value (a report's text) goes straight to its destination.
                    var at = Position;
                    if (at + len > length)
                    {
                        throw new EndOfStreamException($"read past the end of {this}: {len} bytes at {at} of {length}");
                    }

                    ReadFully(file.Handle, b.AsSpan(offset, len), start + at, ToString()!);
                    Seek(at + len);
                    return;
                }

                Refill();
            }
        }

        public override short ReadInt16() => TryReadBigEndian(out short value) ? value : base.ReadInt16();

        public override int ReadInt32() => TryReadBigEndian(out int value) ? value : base.ReadInt32();

        public override long ReadInt64() => TryReadBigEndian(out long value) ? value : base.ReadInt64();

        public override int ReadVInt32()
        {
            if (_bufferLength - _bufferPosition < 5)
            {
                return base.ReadVInt32();
            }

            var buffer = _buffer!;
            var value = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = buffer[_bufferPosition++];
                value |= (b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new IOException($"invalid variable-length int in {this} before {Position}");
        }

        public override long ReadVInt64()
        {
            if (_bufferLength - _bufferPosition < 9)
            {
                return base.ReadVInt64();
            }

            var buffer = _buffer!;
            var value = 0L;
            for (var shift = 0; shift < 63; shift += 7)
            {
                var b = buffer[_bufferPosition++];
                value |= (b & 0x7FL) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new IOException($"invalid variable-length long in {this} before {Position}");
        }

        /// <summary>Reads a fixed-size value straight from the buffer when it holds the whole value.</summary>
        private bool TryReadBigEndian<T>(out T value)
            where T : unmanaged, IBinaryInteger<T>
        {
            var size = Unsafe.SizeOf<T>();
            if (_bufferLength - _bufferPosition < size)
            {
                value = default;
                return false;
            }

            value = T.ReadBigEndian(_buffer.AsSpan(_bufferPosition, size), isUnsigned: false);
            _bufferPosition += size;
            return true;
        }

        public override object Clone()
        {
            var clone = (Input)base.Clone();
            clone._ownsHandle = false;
            clone._buffer = clone._scratch = null; // a reader's own block is not shared with another thread
            clone._bufferStart = Position;
            clone._bufferBegin = clone._bufferLength = clone._bufferPosition = 0;
            return clone;
        }

        /// <summary>Makes the bytes from the current position on readable; at least one, or the end of the slice is an error.</summary>
        private void Refill()
        {
            var at = Position;
            if (at >= length)
            {
                throw new EndOfStreamException($"read past the end of {this}: at {at} of {length}");
            }

            var index = (start + at) / BlockCache.BlockSize;
            _buffer = file.Cache is { } cache
                ? cache.Get(file.Id, index, file.Handle, file.Length, file.Description, ref _scratch)
                : BlockCache.Read(file.Handle, index, file.Length, file.Description, ref _scratch);
            _bufferStart = index * BlockCache.BlockSize - start;
            _bufferBegin = (int)Math.Max(0, -_bufferStart);
            _bufferLength = (int)Math.Min(BlockCache.BlockLength(index, file.Length), length - _bufferStart);
            _bufferPosition = (int)(at - _bufferStart);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _ownsHandle)
            {
                file.Handle.Dispose();
            }
        }
    }
}
