using Lucene.Net.Store;
using Microsoft.Win32.SafeHandles;

namespace SearchService.Indexing;

/// <summary>
/// Reads index files with positional reads (<see cref="RandomAccess.Read(SafeFileHandle, Span{byte}, long)"/>) through
/// 4 KB buffers, compound-file slices included. Lucene.Net's NIOFSDirectory shares one FileStream among all clones
/// of an input: every refill takes a lock, asks the file's length (a system call), seeks and reads through the
/// stream, and two searches reading the same file wait for each other. A positional read needs none of that, and
/// writing stays NIOFSDirectory's. 4 KB, not Lucene's 1 KB: a search reads postings, positions and skip data in runs
/// longer than a kilobyte, and each refill is a system call; 16 KB gained nothing more.
/// </summary>
internal sealed class PositionalReadDirectory(DirectoryInfo path) : NIOFSDirectory(path)
{
    private const int ReadBufferSize = 4096;

    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        var handle = OpenHandle(name);
        return new Input($"{name} in {Directory.FullName}", handle, 0, RandomAccess.GetLength(handle), ownsHandle: true);
    }

    public override IndexInputSlicer CreateSlicer(string name, IOContext context)
    {
        EnsureOpen();
        return new Slicer(OpenHandle(name), $"{name} in {Directory.FullName}");
    }

    private SafeFileHandle OpenHandle(string name) =>
        File.OpenHandle(Path.Combine(Directory.FullName, name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    private sealed class Slicer(SafeFileHandle handle, string description) : IndexInputSlicer
    {
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length) =>
            new Input($"{sliceDescription} of {description}", handle, offset, length, ownsHandle: false);

        [Obsolete("Only for reading CFS files from 3.x indexes.")]
        public override IndexInput OpenFullSlice() => OpenSlice("whole file", 0, RandomAccess.GetLength(handle));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                handle.Dispose();
            }
        }
    }

    /// <summary>A file, or a slice of one, read at its own position; clones share the handle and never close it.</summary>
    private sealed class Input(string description, SafeFileHandle handle, long start, long length, bool ownsHandle)
        : BufferedIndexInput(description, ReadBufferSize)
    {
        private bool _ownsHandle = ownsHandle;

        public override long Length => length;

        public override object Clone()
        {
            var clone = (Input)base.Clone();
            clone._ownsHandle = false;
            return clone;
        }

        protected override void ReadInternal(byte[] b, int offset, int count)
        {
            var position = Position;
            if (position + count > length)
            {
                throw new EndOfStreamException($"read past the end of {this}: {count} bytes at {position} of {length}");
            }

            var target = b.AsSpan(offset, count);
            while (target.Length > 0)
            {
                var read = RandomAccess.Read(handle, target, start + position);
                if (read <= 0)
                {
                    throw new EndOfStreamException($"{this} ended at {position} of {length}: the file is shorter than when it was opened");
                }

                position += read;
                target = target[read..];
            }
        }

        // Every read names its position; there is nothing to move.
        protected override void SeekInternal(long pos)
        {
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _ownsHandle)
            {
                handle.Dispose();
            }
        }
    }
}
