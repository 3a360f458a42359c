using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace SearchService.Search;

/// <summary>
/// A term clause read from its postings and scored by the similarity directly, with the statistics Lucene's term
/// weight computes for it: the same scores as its <see cref="TermScorer"/> at one call per report where the scorer
/// makes four. Queries that read clauses straight through (<see cref="MostWordsQuery"/>, <see cref="TermFormQuery"/>)
/// read their term clauses this way. A common term searched before is read from its kept list
/// (<see cref="PostingsListCache"/>), as a common phrase is, and under <see cref="ReportSimilarity"/> scored from the
/// list's norms with no call per report.
/// </summary>
internal sealed class TermWord
{
    private readonly Term _term;
    private readonly TermContext _states;
    private readonly Similarity _similarity;
    private readonly Similarity.SimWeight _stats;
    private readonly float _boost;
    private readonly CollectionStatistics _collection;
    private readonly TermStatistics _statistics;
    private readonly PostingsListCache? _kept;
    private readonly string _key = "";
    private readonly bool _searchedBefore;

    // How a kept list is scored from its norms, made when normalized for a term searched before (only such a term
    // can have lists); null reads a list through the similarity's scorer instead.
    private TermScoring? _scoring;

    private TermWord(TermQuery query, TermContext states, IndexSearcher searcher, PostingsListCache? kept)
    {
        (_term, _states, _similarity, _boost) = (query.Term, states, searcher.Similarity, query.Boost);
        (_collection, _statistics) = (searcher.CollectionStatistics(_term.Field), searcher.TermStatistics(_term, states));
        _stats = _similarity.ComputeWeight(_boost, _collection, _statistics);
        if (kept is not null)
        {
            _kept = kept;
            _key = $"{_term.Field}={_term.Text}"; // a phrase's key is field:term@position …
            _searchedBefore = kept.SearchedBefore(_key);
        }
    }

    /// <summary>The term word of each clause that is one term, by clause; null for other clauses.</summary>
    public static TermWord?[] Of(IEnumerable<BooleanClause> clauses, IndexSearcher searcher) =>
        clauses.Select(c => c.Query is TermQuery query ? Of(query, searcher) : null).ToArray();

    /// <summary>Normalizes each word as the clause's own weight is under its Boolean query's <paramref name="topLevelBoost"/> (that query's boost included).</summary>
    public static void Normalize(TermWord?[] words, float norm, float topLevelBoost)
    {
        foreach (var word in words)
        {
            if (word is not null)
            {
                word._stats.Normalize(norm, topLevelBoost);
                word._scoring = word._searchedBefore && word._similarity is ReportSimilarity bm25
                    ? bm25.Scoring(word._boost, topLevelBoost, word._collection, word._statistics)
                    : null;
            }
        }
    }

    private static TermWord Of(TermQuery query, IndexSearcher searcher)
    {
        var cached = searcher as ReportIndexSearcher;
        var states = cached?.TermStates(query.Term) ?? TermContext.Build(searcher.TopReaderContext, query.Term);
        return new TermWord(query, states, searcher, cached?.PostingsLists);
    }

    /// <summary>The term's reports in <paramref name="segment"/> as a scorer, or null when it has none there.</summary>
    public ReportsScorer? Scorer(Weight weight, AtomicReaderContext segment, IBits? acceptDocs) =>
        Scorer(weight, segment, acceptDocs, _kept?.Get(segment.AtomicReader, _key));

    /// <summary>
    /// The term in <paramref name="segment"/> for a loop that sums whole windows of reports: by report when its kept
    /// list holds its frequency in every report (<see cref="PostingsListCache.Postings.ByReport"/>) and it is scored
    /// from norms, otherwise as a scorer; both null when it has no reports there. The list is looked up once.
    /// </summary>
    public (TermByReport? ByReport, ReportsScorer? Scorer) ByReportOrScorer(Weight weight, AtomicReaderContext segment, IBits? acceptDocs)
    {
        var list = _kept?.Get(segment.AtomicReader, _key);
        return list is { ByReport: { } frequencies } && _scoring is { } scoring
            ? (new TermByReport(frequencies, _kept!.LengthsByReport(segment.AtomicReader, _term.Field, scoring.Lengths), scoring), null)
            : (null, Scorer(weight, segment, acceptDocs, list));
    }

    private ReportsScorer? Scorer(Weight weight, AtomicReaderContext segment, IBits? acceptDocs, PostingsListCache.Postings? kept)
    {
        var maker = new ScorerMaker(weight);
        return Read(segment, acceptDocs, kept, ref maker) ? maker.Scorer : null;
    }

    /// <summary>
    /// Hands the term's reports in <paramref name="segment"/>, scored as its term scorer would, to
    /// <paramref name="reader"/>: from its <paramref name="kept"/> list with norms, scored without a call per report,
    /// or from its postings through the similarity's scorer. False when the term has no reports there.
    /// </summary>
    private bool Read<TReader>(AtomicReaderContext segment, IBits? acceptDocs, PostingsListCache.Postings? kept, ref TReader reader)
        where TReader : struct, IReportsReader
    {
        switch (kept?.Read(acceptDocs) ?? Postings(segment, acceptDocs))
        {
            case null:
                return false;
            case PostingsListCache.ListedDocs { HasNorms: true } listed when _scoring is { } scoring:
                reader.Read(new ListedReports(listed, scoring));
                return true;
            case var postings:
                reader.Read(new PostingsReports(postings, _similarity.GetSimScorer(_stats, segment)));
                return true;
        }
    }

    /// <summary>The term's postings in a segment where no list of it is kept, keeping one when it is worth it.</summary>
    private DocsEnum? Postings(AtomicReaderContext segment, IBits? acceptDocs)
    {
        if (_states.Get(segment.Ord) is not { } state)
        {
            return null;
        }

        var terms = segment.AtomicReader.GetTerms(_term.Field)!.GetEnumerator();
        terms.SeekExact(_term.Bytes, state);
        if (_kept is null || !_searchedBefore || !_kept.Admits(_key, terms.DocFreq))
        {
            return terms.Docs(acceptDocs, null);
        }

        // Built with the segment's deleted reports: deletions change between readers of one segment.
        var list = PostingsListCache.Postings.ReadAll(terms.Docs(liveDocs: null, null), segment.AtomicReader.GetNormValues(_term.Field), segment.AtomicReader.MaxDoc);
        _kept.Add(segment.AtomicReader, _key, list);
        return list.Read(acceptDocs);
    }

    private struct ScorerMaker(Weight weight) : IReportsReader
    {
        public ReportsScorer? Scorer { get; private set; }

        public void Read<T>(T reports)
            where T : struct, IClauseReports => Scorer = new ReportsScorer<T>(weight, reports);
    }
}

/// <summary>
/// A clause's reports in order and the score of the current one, as the loops that read clauses straight through
/// see them. Every kind is a struct, so each loop is compiled for each and a term's postings are read with no call
/// through a scorer.
/// </summary>
internal interface IClauseReports
{
    int DocID { get; }

    int Frequency { get; }

    long Cost { get; }

    int NextDoc();

    int Advance(int target);

    /// <summary>The score of the current report, <paramref name="doc"/>.</summary>
    float Score(int doc);

    /// <summary>
    /// Hands each report from <paramref name="from"/> (or the current one, when past it) up to <paramref name="end"/>
    /// with its score to <paramref name="sink"/>, and leaves the clause on the first report at or after
    /// <paramref name="end"/>.
    /// </summary>
    void AddUntil<TSink>(int from, int end, TSink sink)
        where TSink : struct, IScoreSink;
}

/// <summary>What a loop over a clause's reports adds each report and its score to.</summary>
internal interface IScoreSink
{
    void Add(int doc, float score);
}

/// <summary>The loop <see cref="IClauseReports.AddUntil{TSink}"/> runs over any clause that moves report by report.</summary>
internal static class ClauseReports
{
    public static void AddUntil<T, TSink>(T clause, int from, int end, TSink sink)
        where T : struct, IClauseReports
        where TSink : struct, IScoreSink
    {
        for (var doc = clause.DocID < from ? clause.Advance(from) : clause.DocID; doc < end; doc = clause.NextDoc())
        {
            sink.Add(doc, clause.Score(doc));
        }
    }
}

/// <summary>What takes a clause's reports, of whichever kind: each kind is read by code compiled for it.</summary>
internal interface IReportsReader
{
    void Read<T>(T reports)
        where T : struct, IClauseReports;
}

/// <summary>Any clause, through its scorer.</summary>
internal readonly struct ScorerReports(Scorer scorer) : IClauseReports
{
    public int DocID => scorer.DocID;

    public int Frequency => scorer.Freq;

    public long Cost => scorer.GetCost();

    public int NextDoc() => scorer.NextDoc();

    public int Advance(int target) => scorer.Advance(target);

    public float Score(int doc) => scorer.GetScore();

    public void AddUntil<TSink>(int from, int end, TSink sink)
        where TSink : struct, IScoreSink => ClauseReports.AddUntil(this, from, end, sink);
}

/// <summary>A term's postings (or a kept list's), each report scored by the similarity from its frequency.</summary>
internal readonly struct PostingsReports(DocsEnum postings, Similarity.SimScorer similarity) : IClauseReports
{
    public int DocID => postings.DocID;

    public int Frequency => postings.Freq;

    public long Cost => postings.GetCost();

    public int NextDoc() => postings.NextDoc();

    public int Advance(int target) => postings.Advance(target);

    public float Score(int doc) => similarity.Score(doc, postings.Freq);

    public void AddUntil<TSink>(int from, int end, TSink sink)
        where TSink : struct, IScoreSink => ClauseReports.AddUntil(this, from, end, sink);
}

/// <summary>A term's kept list, each report scored from its frequency and norm as BM25's scorer would (<see cref="ReportSimilarity"/>).</summary>
internal readonly struct ListedReports(PostingsListCache.ListedDocs listed, TermScoring scoring) : IClauseReports
{
    public int DocID => listed.DocID;

    public int Frequency => listed.Freq;

    public long Cost => listed.GetCost();

    public int NextDoc() => listed.NextDoc();

    public int Advance(int target) => listed.Advance(target);

    public float Score(int doc) => scoring.Score(listed.Freq, listed.Norm);

    public void AddUntil<TSink>(int from, int end, TSink sink)
        where TSink : struct, IScoreSink => listed.AddUntil(from, end, scoring, sink);
}

/// <summary>
/// Reports of one kind as a scorer: for a report scored alone, while the loops that read clauses straight through
/// take its reports (<see cref="Read{TReader}"/>).
/// </summary>
internal abstract class ReportsScorer(Weight weight) : Scorer(weight)
{
    /// <summary>Hands any clause's reports to <paramref name="reader"/>: directly when it is reports of one kind, otherwise through its scorer.</summary>
    public static void Read<TReader>(Scorer clause, ref TReader reader)
        where TReader : struct, IReportsReader
    {
        if (clause is ReportsScorer reports)
        {
            reports.Read(ref reader);
        }
        else
        {
            reader.Read(new ScorerReports(clause));
        }
    }

    public abstract void Read<TReader>(ref TReader reader)
        where TReader : struct, IReportsReader;
}

internal sealed class ReportsScorer<T>(Weight weight, T reports) : ReportsScorer(weight)
    where T : struct, IClauseReports
{
    public override int DocID => reports.DocID;

    public override int Freq => reports.Frequency;

    public override float GetScore() => reports.Score(reports.DocID);

    public override int NextDoc() => reports.NextDoc();

    public override int Advance(int target) => reports.Advance(target);

    public override long GetCost() => reports.Cost;

    public override void Read<TReader>(ref TReader reader) => reader.Read(reports);
}
