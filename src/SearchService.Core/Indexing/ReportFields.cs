namespace SearchService.Indexing;

/// <summary>The index schema's field names, declared once.</summary>
public static class ReportFields
{
    public const string Id = "id";
    public const string SourcePath = "path";
    public const string ContentHash = "hash";
    public const string FileSize = "size";
    public const string FileModified = "mtime";

    /// <summary>Word-analyzed title, stored; documents and frequencies only, as in <see cref="Body"/>.</summary>
    public const string Title = "title";
    public const string TitleBigrams = "title_cjk";

    /// <summary>Trigrams of the title, positions only: three-character and longer terms match without bigram phrases.</summary>
    public const string TitleTrigrams = "title_tri";
    public const string TitleDerived = "title_derived";

    /// <summary>Bigrams of the resolved region's names and the issuer, so a report is found by its place even when its text says only 我乡.</summary>
    public const string PlaceBigrams = "place_cjk";

    /// <summary>
    /// Word-analyzed clean text, documents and frequencies only: whole-word scoring and similar reports match one
    /// word at a time, never a phrase of words (snippet offsets come from the bigram field).
    /// </summary>
    public const string Body = "body";

    /// <summary>
    /// Binary doc values: the clean text as UTF-16. A hit's snippets read it directly; as a stored field Lucene
    /// would decompress each whole report to reach any of its fields.
    /// </summary>
    public const string BodyText = "body_text";

    /// <summary>Bigram (and unigram) field over the clean text: substring recall, highlighting offsets.</summary>
    public const string BodyBigrams = "body_cjk";

    /// <summary>Trigrams of the clean text, positions only (see <see cref="Analysis.RunGramTokenizer"/>).</summary>
    public const string BodyTrigrams = "body_tri";

    /// <summary>
    /// Runs of four characters of the clean text, documents and frequencies only: a four-character term, the most
    /// common length of a query term, is one term to match with no positions to read.
    /// </summary>
    public const string BodyFourGrams = "body_four";

    public const string Province = "province";
    public const string City = "city";
    public const string County = "county";
    public const string Township = "township";
    public const string ProvinceCode = "province_code";
    public const string CityCode = "city_code";
    public const string CountyCode = "county_code";
    public const string TownshipCode = "township_code";
    public const string RegionConfidence = "region_confidence";
    public const string Level = "level";
    public const string Department = "department";
    public const string Issuer = "issuer";
    public const string Year = "year";
    public const string PublishDate = "publish_date";

    /// <summary>Numeric doc values: publish date as yyyymmdd (0 when unknown), for sorting by date.</summary>
    public const string PublishDateSort = "publish_sort";

    /// <summary>Stored JSON of the sections (heading, kind, span).</summary>
    public const string Sections = "sections";

    /// <summary>Binary doc values: each section's kind and span, for limiting matches to sections of a kind.</summary>
    public const string SectionSpans = "section_spans";

    /// <summary>Sorted doc values of the id: the last tie-breaker of every sort (stable cursors), and the id the start-up scan reads.</summary>
    public const string IdSort = "id_sort";

    public const string IsAnnualReport = "annual";

    // Facet dimensions named as the API names them.
    public const string SectionKind = "section";
    public const string CitedLaw = "citedLaw";
    public const string DocNumber = "docNumber";

    /// <summary>Every division code of the report's region, province first (50, 500116, 500116108).</summary>
    public const string Region = "region";

    /// <summary>Facet dimensions: each a SortedSetDocValues field plus an indexed string for filters and look-ups.</summary>
    public static readonly IReadOnlyList<string> FacetDimensions =
        [Province, City, County, Township, Level, Year, Department, SectionKind, CitedLaw, DocNumber, Region];
}
