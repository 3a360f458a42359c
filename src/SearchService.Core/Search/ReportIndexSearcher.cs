using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace SearchService.Search;

/// <summary>A searcher with the facet state of its own reader, so counts never mix readers.</summary>
/// <param name="reader">The reader searched.</param>
/// <param name="lists">The index's lists of common exact phrases and terms, shared by all its searchers; null for none.</param>
/// <param name="facets">The index's facet ordinals per segment, shared by all its searchers; null for this reader's own.</param>
/// <param name="ids">The index's ids per segment, shared by all its searchers; null for this reader's own.</param>
/// <param name="parallel">How the index's searches split into parts searched at once; null for one part.</param>
public sealed class ReportIndexSearcher(
    IndexReader reader, PostingsListCache? lists, FacetSegments? facets = null, SegmentMemo<IdRanks.Segment>? ids = null, ParallelSearch? parallel = null)
    : IndexSearcher(reader)
{
    // About 1 KB each with a few segments: the cache stays within tens of megabytes whatever is searched.
    private const int MaxCachedTerms = 20_000;

    private readonly ParallelSearch _parallel = parallel ?? ParallelSearch.None;

    private readonly Lazy<IdRanks> _ids = new(() => new IdRanks(reader, ids ?? new(IdRanks.Segment.Read)));
    private readonly ConcurrentDictionary<Term, TermContext> _termStates = new();
    private int _cachedTerms;
    private DocRange[][]? _parts;

    /// <summary>
    /// Made with the searcher, before any search uses it: only segments new since the last reopen are read, so a
    /// reopen pays for what it added, and no search waits for it.
    /// </summary>
    public FacetState Facets { get; } = new(reader, facets ?? new FacetSegments());

    /// <summary>The id order every sort ends with; built on first use.</summary>
    public IdRanks Ids => _ids.Value;

    /// <summary>How this reader's searches run in parts.</summary>
    public ParallelSearch Parallel => _parallel;

    /// <summary>How many parts a search of this reader is split into, each collected on its own (1: searched whole).</summary>
    public int Parts => PartRanges.Length;

    /// <summary>
    /// How many parts a search starting now is split into: <see cref="Parts"/> while each would have an idle core,
    /// else one. Parts searched in turn cost more than the index searched whole (a segment split between parts is
    /// set up twice, each part ranks and keeps its own hits): at 200,000 reports with two clients, p99 17.3 ms in
    /// parts against 14.9 whole (BENCHMARKS.md, step 31).
    /// </summary>
    public int PartsNow => Parts > 1 && _parallel.Idle(Parts) ? Parts : 1;

    private DocRange[][] PartRanges => LazyInitializer.EnsureInitialized(ref _parts, () => _parallel.Split(IndexReader));

    /// <summary>
    /// Searches <paramref name="query"/> part by part (<see cref="Parts"/>), each part's documents into the
    /// collector at its place, the parts at once while cores are idle; with one collector, the index whole. A
    /// collector that takes windows (<see cref="IWindowCollector"/>) is given them where the scorer reads in windows.
    /// </summary>
    public void Search(Query query, IReadOnlyList<ICollector> parts)
    {
        if (parts.Count == 1)
        {
            ParallelSearch.Collect(CreateNormalizedWeight(query), IndexReader.Leaves, parts[0]);
            return;
        }

        ArgumentOutOfRangeException.ThrowIfNotEqual(parts.Count, Parts, nameof(parts));
        _parallel.Run(CreateNormalizedWeight(query), PartRanges, parts);
    }

    /// <summary>Common exact phrases and terms kept per segment (<see cref="ReportPhraseQuery"/>, <see cref="TermWord"/>); null when turned off.</summary>
    public PostingsListCache? PostingsLists => lists;

    /// <summary>
    /// Where <paramref name="term"/> is in each segment's dictionary, looked up once per reader. Each term of a
    /// query is sought in every segment of every field it searches (title, body, place, words), and searches of
    /// this corpus come back to the same words, so the look-ups were a fifth of a typical search.
    /// </summary>
    public TermContext TermStates(Term term)
    {
        if (_termStates.TryGetValue(term, out var states))
        {
            return states;
        }

        states = TermContext.Build(TopReaderContext, term);
        if (Volatile.Read(ref _cachedTerms) < MaxCachedTerms && _termStates.TryAdd(term, states))
        {
            Interlocked.Increment(ref _cachedTerms);
        }

        return states;
    }
}

/// <summary>Creates <see cref="ReportIndexSearcher"/>s for the SearcherManager, all sharing the index's postings lists and what is kept per segment.</summary>
public sealed class ReportSearcherFactory(PostingsListCache? lists, FacetSegments facets, SegmentMemo<IdRanks.Segment> ids, ParallelSearch parallel) : SearcherFactory
{
    /// <summary>BM25 rather than Lucene 4.8's default TF-IDF: term frequency saturates, long reports are not favoured.</summary>
    public static Similarity Similarity { get; } = new ReportSimilarity();

    public override IndexSearcher NewSearcher(IndexReader reader) => new ReportIndexSearcher(reader, lists, facets, ids, parallel) { Similarity = Similarity };
}
