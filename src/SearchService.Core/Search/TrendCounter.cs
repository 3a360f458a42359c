using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Extraction;
using SearchService.Indexing;

namespace SearchService.Search;

/// <summary>One bucket of a trend: its values, the matching reports, all reports in it, and the share that matches.</summary>
public sealed record TrendBucket(IReadOnlyList<string> Values, int Matching, int Total, double Share);

/// <summary>Which divisions of a level have a report for a year.</summary>
public sealed record CoverageResult(int Divisions, int Covered, double Share, IReadOnlyList<CoveredDivision> Reported, IReadOnlyList<CoveredDivision> Missing);

public sealed record CoveredDivision(string Code, string Name, int Reports);

/// <summary>
/// Counts for research tables: matching reports per bucket beside all reports in the bucket, so "more mentions in
/// 2023" can be told from "more reports in 2023"; and which divisions report at all. Reports that are not annual
/// rule-of-law reports are left out unless asked for.
/// </summary>
public sealed class TrendCounter(ReportIndex index, Divisions divisions)
{
    public IReadOnlyList<TrendBucket> Trends(SearchRequest request, ParsedQuery query, string[] by, bool includeNonAnnual) => index.Read(searcher =>
    {
        var matching = new BucketCounter(searcher.Facets, by);
        ReportSearcher.Collect(searcher, request, Annual(query, includeNonAnnual), matching).Dispose();
        var all = new BucketCounter(searcher.Facets, by);
        ReportSearcher.Collect(searcher, request, new ParsedQuery(Annual(new MatchAllDocsQuery(), includeNonAnnual), []), all).Dispose();

        return all.Counts
            .Select(bucket =>
            {
                var values = by.Length == 1
                    ? [searcher.Facets[by[0]].Values[bucket.Key.Item1]]
                    : new[] { searcher.Facets[by[0]].Values[bucket.Key.Item1], searcher.Facets[by[1]].Values[bucket.Key.Item2] };
                var hits = matching.Counts.GetValueOrDefault(bucket.Key);
                return new TrendBucket(values, hits, bucket.Value, Math.Round((double)hits / bucket.Value, 4));
            })
            .OrderBy(b => b.Values[0], StringComparer.Ordinal)
            .ThenBy(b => b.Values.Count > 1 ? b.Values[1] : "", StringComparer.Ordinal)
            .ToList();
    });

    /// <param name="year">The report year.</param>
    /// <param name="level">city, county or township.</param>
    /// <param name="within">A division code or a province's name to look inside, or null for the whole country.</param>
    /// <param name="includeNonAnnual">Count files that are not annual reports too.</param>
    public CoverageResult Coverage(int year, string level, string? within, bool includeNonAnnual)
    {
        var divisionLevel = level switch
        {
            ReportLevels.Province => DivisionLevel.Province,
            ReportLevels.City => DivisionLevel.City,
            ReportLevels.County => DivisionLevel.County,
            _ => DivisionLevel.Township,
        };
        var request = new SearchRequest
        {
            Limit = 0,
            FacetSize = int.MaxValue,
            Filters = new Dictionary<string, IReadOnlyCollection<string>>
            {
                [ReportFields.Year] = [year.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                [ReportFields.Level] = [level],
            },
        };
        var reported = index.Read(searcher =>
        {
            using var counter = ReportSearcher.Collect(searcher, request, new ParsedQuery(Annual(new MatchAllDocsQuery(), includeNonAnnual), []), new DocIdCollector());
            var counts = counter.CountsOf(ReportFields.Region);
            var codes = searcher.Facets[ReportFields.Region].Values;
            var reports = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] > 0)
                {
                    reports[codes[ord]] = counts[ord];
                }
            }

            return reports;
        });

        var prefix = within is null ? "" : divisions.ProvinceCode(within) ?? within;
        var all = divisions.Within(prefix, divisionLevel)
            .Select(d => new CoveredDivision(d.Code, d.Name, reported.GetValueOrDefault(d.Code)))
            .ToList();
        var covered = all.Where(d => d.Reports > 0).ToList();
        return new CoverageResult(all.Count, covered.Count, all.Count == 0 ? 0 : Math.Round((double)covered.Count / all.Count, 4), covered, all.Where(d => d.Reports == 0).ToList());
    }

    private static Query Annual(Query query, bool includeNonAnnual) => includeNonAnnual
        ? query
        : new BooleanQuery { { query, Occur.MUST }, { new TermQuery(new Term(ReportFields.IsAnnualReport, "false")), Occur.MUST_NOT } };

    private static ParsedQuery Annual(ParsedQuery query, bool includeNonAnnual) => query with { Query = Annual(query.Query, includeNonAnnual) };
}
