using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;
using SearchService.Analysis;
using SearchService.Indexing;

namespace SearchService.Search;

/// <summary>Reports that read like a given one (MoreLikeThis over the word field), to find comparable practice elsewhere.</summary>
public sealed class SimilarReports(ReportIndex index, ReportSearcher searcher)
{
    private static readonly ISet<string> SourceFields = new HashSet<string>
    {
        ReportFields.Level, ReportFields.ProvinceCode, ReportFields.CityCode, ReportFields.CountyCode,
    };

    /// <summary>Null when no report has <paramref name="id"/>.</summary>
    /// <param name="id">The report to compare with.</param>
    /// <param name="request">Filters and paging, as for a search.</param>
    /// <param name="sameLevel">Only reports of the same administrative level.</param>
    /// <param name="excludeSameRegion">Leave out reports from the same county (the same city or province for higher levels).</param>
    public SearchResult? Find(string id, SearchRequest request, bool sameLevel, bool excludeSameRegion)
    {
        var source = index.Read(s =>
        {
            if (ReportSearcher.Find(s, id) is not var (leaf, doc))
            {
                return null;
            }

            using var analyzer = new WordAnalyzer();
            var like = new MoreLikeThis(s.IndexReader)
            {
                Analyzer = analyzer,
                FieldNames = [ReportFields.Body],
                MinTermFreq = 2,
                MinDocFreq = 2,
                MinWordLen = 2,
                MaxQueryTerms = 40,
                ApplyBoost = true,
            };
            // Words in most reports (法治, 政府, 建设) say nothing about a practice.
            like.SetMaxDocFreqPct(50);
            var stored = leaf.AtomicReader.Document(doc, SourceFields);
            var query = new BooleanQuery
            {
                { like.Like(new StringReader(ReportDocument.ReadText(leaf.AtomicReader, doc).ToString()), ReportFields.Body), Occur.SHOULD },
                { new TermQuery(new Term(ReportFields.Id, id)), Occur.MUST_NOT },
            };
            var region = stored.Get(ReportFields.CountyCode) ?? stored.Get(ReportFields.CityCode) ?? stored.Get(ReportFields.ProvinceCode);
            if (excludeSameRegion && region is not null)
            {
                query.Add(new TermQuery(new Term(ReportFields.Region, region)), Occur.MUST_NOT);
            }

            return new { Query = query, Level = stored.Get(ReportFields.Level) };
        });
        if (source is null)
        {
            return null;
        }

        if (sameLevel && source.Level is not null)
        {
            request = request with { Filters = new Dictionary<string, IReadOnlyCollection<string>>(request.Filters) { [ReportFields.Level] = [source.Level] } };
        }

        return searcher.Search(request, new ParsedQuery(source.Query, []));
    }
}
