using Lucene.Net.Index;
using SearchService.Indexing;

namespace SearchService.Search;

/// <summary>Every report that matches, one at a time, with no page limit: memory holds the matching numbers only.</summary>
public sealed class ReportExporter(ReportIndex index)
{
    /// <summary>The searcher stays acquired until the enumeration ends or is disposed.</summary>
    public IEnumerable<ReportView> Export(SearchRequest request, ParsedQuery query, bool withText)
    {
        using var lease = index.Acquire();
        var matching = new DocIdCollector();
        ReportSearcher.Collect(lease.Searcher, request, query, matching).Dispose();
        var leaves = lease.Searcher.IndexReader.Leaves;
        foreach (var doc in matching.Docs)
        {
            var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
            var stored = leaf.AtomicReader.Document(doc - leaf.DocBase, ReportDocument.MetadataFields);
            yield return new ReportView(ReportDocument.ReadMetadata(stored), withText ? ReportDocument.ReadText(leaf.AtomicReader, doc - leaf.DocBase).ToString() : "", null);
        }
    }
}
