using Lucene.Net.Index;

namespace SearchService.Indexing;

/// <summary>Lucene's concurrent merges, each reading past the <see cref="BlockCache"/> that searches read through.</summary>
internal sealed class UncachedMergeScheduler : ConcurrentMergeScheduler
{
    protected override void DoMerge(MergePolicy.OneMerge merge) => BlockCache.Merging(() => base.DoMerge(merge));
}
