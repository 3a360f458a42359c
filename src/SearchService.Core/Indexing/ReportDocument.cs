using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using SearchService.Extraction;
using SearchService.Search;

namespace SearchService.Indexing;

/// <summary>The only code that turns a report into a Lucene document and back.</summary>
public static class ReportDocument
{
    // Phrases need positions in the bigram and trigram fields only: a word or a four-gram is always matched as one
    // term. Snippets read offsets from the bigram fields only, so no other field carries them.
    private static readonly FieldType StoredText = TextType(stored: true, IndexOptions.DOCS_AND_FREQS);
    private static readonly FieldType IndexedText = TextType(stored: false, IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    private static readonly FieldType Positions = TextType(stored: false, IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    private static readonly FieldType Frequencies = TextType(stored: false, IndexOptions.DOCS_AND_FREQS);

    /// <summary>Stored fields a result list needs; loading only these keeps large bodies off the hot path.</summary>
    public static readonly ISet<string> MetadataFields = new HashSet<string>
    {
        ReportFields.Id, ReportFields.Title, ReportFields.TitleDerived, ReportFields.Province, ReportFields.City,
        ReportFields.County, ReportFields.Township, ReportFields.ProvinceCode, ReportFields.CityCode,
        ReportFields.CountyCode, ReportFields.TownshipCode, ReportFields.RegionConfidence, ReportFields.Level,
        ReportFields.Department, ReportFields.Issuer, ReportFields.Year, ReportFields.PublishDate,
        ReportFields.IsAnnualReport, ReportFields.Sections, ReportFields.CitedLaw, ReportFields.DocNumber,
    };

    public static Document Build(ReportRecord record)
    {
        var report = record.Report;
        var region = report.Region;
        var doc = new Document
        {
            new StringField(ReportFields.Id, record.Id, Field.Store.YES),
            // The file state in doc values (the id in IdSort's): the start-up scan reads it for every report, and
            // stored fields would decompress each report's whole text to get at it.
            new BinaryDocValuesField(ReportFields.SourcePath, new BytesRef(record.SourcePath)),
            new BinaryDocValuesField(ReportFields.ContentHash, new BytesRef(record.ContentHash)),
            new NumericDocValuesField(ReportFields.FileSize, record.FileSize),
            new NumericDocValuesField(ReportFields.FileModified, record.FileModifiedTicks),
            new Field(ReportFields.Title, report.Title, StoredText),
            new Field(ReportFields.TitleBigrams, report.Title, IndexedText),
            new Field(ReportFields.TitleTrigrams, report.Title, Positions),
            new Field(ReportFields.PlaceBigrams, string.Join('\n', new[] { region.Province, region.City, region.County, region.Township, report.Issuer }.OfType<string>()), IndexedText),
            new Field(ReportFields.Body, report.Text, Frequencies),
            new BinaryDocValuesField(ReportFields.BodyText, new BytesRef(MemoryMarshal.AsBytes(report.Text.AsSpan()).ToArray())),
            new Field(ReportFields.BodyBigrams, report.Text, IndexedText),
            new Field(ReportFields.BodyTrigrams, report.Text, Positions),
            new Field(ReportFields.BodyFourGrams, report.Text, Frequencies),
            new NumericDocValuesField(ReportFields.PublishDateSort, DateSortKey(report.PublishDate)),
            new SortedDocValuesField(ReportFields.IdSort, new BytesRef(record.Id)),
            new BinaryDocValuesField(ReportFields.SectionSpans, SectionSpans.Encode(report.Sections)),
        };

        if (report.TitleDerived)
        {
            doc.Add(new StoredField(ReportFields.TitleDerived, 1));
        }

        if (!report.IsAnnualReport)
        {
            doc.Add(new StringField(ReportFields.IsAnnualReport, "false", Field.Store.YES));
        }

        AddFacet(doc, ReportFields.Province, region.Province);
        AddFacet(doc, ReportFields.City, region.City);
        AddFacet(doc, ReportFields.County, region.County);
        AddFacet(doc, ReportFields.Township, region.Township);
        AddFacet(doc, ReportFields.Level, report.Level);
        AddFacet(doc, ReportFields.Year, report.ReportYear?.ToString(CultureInfo.InvariantCulture));
        AddFacet(doc, ReportFields.Department, report.Department);
        AddFacets(doc, ReportFields.SectionKind, report.Sections.Select(s => s.Kind).Distinct());
        AddFacets(doc, ReportFields.CitedLaw, report.CitedLaws.Distinct());
        AddFacets(doc, ReportFields.DocNumber, report.DocNumbers.Distinct());
        AddFacets(doc, ReportFields.Region, new[] { region.ProvinceCode, region.CityCode, region.CountyCode, region.TownshipCode }.OfType<string>());
        AddStored(doc, ReportFields.ProvinceCode, region.ProvinceCode);
        AddStored(doc, ReportFields.CityCode, region.CityCode);
        AddStored(doc, ReportFields.CountyCode, region.CountyCode);
        AddStored(doc, ReportFields.TownshipCode, region.TownshipCode);
        AddStored(doc, ReportFields.RegionConfidence, report.RegionConfidence);
        AddStored(doc, ReportFields.Issuer, report.Issuer);
        AddStored(doc, ReportFields.PublishDate, report.PublishDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        AddStored(doc, ReportFields.Sections, report.Sections.Count == 0 ? null : JsonSerializer.Serialize(report.Sections));
        return doc;
    }

    public static ReportMetadata ReadMetadata(Document doc) => new()
    {
        Id = doc.Get(ReportFields.Id),
        Title = doc.Get(ReportFields.Title),
        TitleDerived = doc.GetField(ReportFields.TitleDerived) is not null,
        Province = doc.Get(ReportFields.Province),
        City = doc.Get(ReportFields.City),
        County = doc.Get(ReportFields.County),
        Township = doc.Get(ReportFields.Township),
        ProvinceCode = doc.Get(ReportFields.ProvinceCode),
        CityCode = doc.Get(ReportFields.CityCode),
        CountyCode = doc.Get(ReportFields.CountyCode),
        TownshipCode = doc.Get(ReportFields.TownshipCode),
        RegionConfidence = doc.Get(ReportFields.RegionConfidence),
        Level = doc.Get(ReportFields.Level),
        Department = doc.Get(ReportFields.Department),
        Issuer = doc.Get(ReportFields.Issuer),
        Year = int.TryParse(doc.Get(ReportFields.Year), CultureInfo.InvariantCulture, out var year) ? year : null,
        PublishDate = doc.Get(ReportFields.PublishDate),
        IsAnnualReport = doc.Get(ReportFields.IsAnnualReport) is null,
        Sections = doc.Get(ReportFields.Sections) is { } json ? JsonSerializer.Deserialize<ReportSection[]>(json) ?? [] : [],
        CitedLaws = doc.GetValues(ReportFields.CitedLaw),
        DocNumbers = doc.GetValues(ReportFields.DocNumber),
    };

    /// <summary>
    /// The clean text of report <paramref name="doc"/> of <paramref name="segment"/>: its UTF-16 code units as
    /// written (in this machine's byte order), read with one copy and no decoding; snippets need no string of it.
    /// </summary>
    public static ReadOnlySpan<char> ReadText(AtomicReader segment, int doc)
    {
        if (segment.GetBinaryDocValues(ReportFields.BodyText) is not { } texts)
        {
            return [];
        }

        var bytes = new BytesRef();
        texts.Get(doc, bytes);
        return MemoryMarshal.Cast<byte, char>(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length));
    }

    /// <summary>The id and file state of every live report of one segment.</summary>
    public static IEnumerable<(string Id, IndexedFileState State)> ReadFileStates(AtomicReader segment)
    {
        var ids = segment.GetSortedDocValues(ReportFields.IdSort);
        if (ids is null)
        {
            yield break; // no report in this segment
        }

        var paths = segment.GetBinaryDocValues(ReportFields.SourcePath);
        var hashes = segment.GetBinaryDocValues(ReportFields.ContentHash);
        var sizes = segment.GetNumericDocValues(ReportFields.FileSize);
        var modified = segment.GetNumericDocValues(ReportFields.FileModified);
        var live = segment.LiveDocs;
        var scratch = new BytesRef();
        for (var doc = 0; doc < segment.MaxDoc; doc++)
        {
            if (live is not null && !live.Get(doc))
            {
                continue;
            }

            ids.Get(doc, scratch);
            var id = scratch.Utf8ToString();
            yield return (id, new IndexedFileState(Text(paths, doc), Text(hashes, doc), sizes.Get(doc), modified.Get(doc)));
        }

        string Text(BinaryDocValues values, int doc)
        {
            values.Get(doc, scratch);
            return scratch.Utf8ToString();
        }
    }

    private static long DateSortKey(DateOnly? date) => date is { } d ? d.Year * 10000L + d.Month * 100 + d.Day : 0;

    private static void AddFacet(Document doc, string dimension, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        doc.Add(new StringField(dimension, value, Field.Store.YES));
        doc.Add(new SortedSetDocValuesField(dimension, new BytesRef(value)));
    }

    private static void AddStored(Document doc, string field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            doc.Add(new StoredField(field, value));
        }
    }

    private static void AddFacets(Document doc, string dimension, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            AddFacet(doc, dimension, value);
        }
    }

    private static FieldType TextType(bool stored, IndexOptions options)
    {
        var type = new FieldType
        {
            IsIndexed = true,
            IsTokenized = true,
            IsStored = stored,
            IndexOptions = options,
        };
        type.Freeze();
        return type;
    }
}
