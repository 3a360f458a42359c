using Lucene.Net.Search;

namespace SearchService.Search;

/// <summary>
/// A query read from the query language, with the terms it was built from. <see cref="Query"/> decides the
/// matches; <see cref="Near"/>, when there are several terms, adds to the score of reports where they stand close
/// together (of the best hits only, when ranked by relevance: <see cref="ProximityRescorer"/>).
/// <see cref="Relaxed"/>, when there is one, reads long unquoted terms as sentences (most of their words must
/// match): the searcher falls back to it when the exact reading finds nothing.
/// </summary>
public sealed record ParsedQuery(Query Query, IReadOnlyList<QueryTerm> Terms, ParsedQuery? Relaxed = null, ProximityQuery? Near = null)
{
    public static ParsedQuery MatchAll { get; } = new(new MatchAllDocsQuery(), []);

    /// <summary>The query with the proximity clause: every hit's full score.</summary>
    public Query Scored => Near is null ? Query : new BooleanQuery { { Query, Occur.MUST }, { Near, Occur.SHOULD } };
}

/// <summary>One term or phrase as the user wrote it, and the forms it is searched in.</summary>
public sealed record QueryTerm(string Text, IReadOnlyList<TermForm> Forms);

/// <summary>
/// One searched form of a term: the term itself or a synonym. <see cref="Substring"/> decides whether a report
/// matches; <see cref="WholeWord"/> (the dictionary-segmented form) only adds to the score.
/// </summary>
public sealed record TermForm(string Text, bool IsSynonym, Query Substring, Query? WholeWord);

/// <summary>The clause that rewards query terms standing close together: it scores, it is not a match to mark.</summary>
public sealed class ProximityQuery : ReportPhraseQuery;
