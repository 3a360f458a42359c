using Lucene.Net.Store;

namespace SearchService.Indexing;

/// <summary>
/// NIOFSDirectory whose inputs, compound-file slices included, read through 4 KB buffers, as Lucene's merges
/// already do, instead of 1 KB: each refill is a system call, and a search reads postings, positions, skip data
/// and stored reports in runs longer than a kilobyte. On a 20k index, about 7 % less time per query in process;
/// 16 KB gained nothing more.
/// </summary>
internal sealed class BufferedNioDirectory(DirectoryInfo path) : NIOFSDirectory(path)
{
    private const int BufferSize = 4096;

    public override IndexInput OpenInput(string name, IOContext context) => Buffered(base.OpenInput(name, context));

    public override IndexInputSlicer CreateSlicer(string name, IOContext context) => new Slicer(base.CreateSlicer(name, context));

    // Clones keep their input's buffer size.
    private static IndexInput Buffered(IndexInput input)
    {
        (input as BufferedIndexInput)?.SetBufferSize(BufferSize);
        return input;
    }

    private sealed class Slicer(IndexInputSlicer slicer) : IndexInputSlicer
    {
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length) =>
            Buffered(slicer.OpenSlice(sliceDescription, offset, length));

        [Obsolete("Only for reading CFS files from 3.x indexes.")]
        public override IndexInput OpenFullSlice() => Buffered(slicer.OpenFullSlice());

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                slicer.Dispose();
            }
        }
    }
}
