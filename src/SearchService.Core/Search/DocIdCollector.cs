using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SearchService.Search;

/// <summary>Gathers the index-wide numbers of every document it is given, in index order: 4 bytes a hit.</summary>
public sealed class DocIdCollector : ICollector
{
    private int _docBase;

    public List<int> Docs { get; } = [];

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

    public void Collect(int doc) => Docs.Add(_docBase + doc);
}
