namespace SearchService.Extraction;

/// <summary>What the extractor understood of one raw report: clean text and metadata.</summary>
public sealed record ExtractedReport
{
    /// <summary>The report's own title line, or one built from the metadata when the page shows none.</summary>
    public required string Title { get; init; }

    /// <summary>True when <see cref="Title"/> was built from the metadata rather than read from the page.</summary>
    public bool TitleDerived { get; init; }

    /// <summary>The report alone, without the web page's chrome around it.</summary>
    public required string Text { get; init; }

    public required Region Region { get; init; }

    /// <summary><c>high</c>, <c>medium</c> or <c>low</c>: how firmly the evidence decides the region.</summary>
    public string RegionConfidence { get; init; } = RegionConfidences.Low;

    /// <summary>One of <see cref="ReportLevels"/>, or null when undecided.</summary>
    public string? Level { get; init; }

    /// <summary>The department (司法局, 市场监督管理局, …) when <see cref="Level"/> is department.</summary>
    public string? Department { get; init; }

    /// <summary>The reporting body as written (重庆市江津区夏坝镇人民政府).</summary>
    public string? Issuer { get; init; }

    /// <summary>The year reported on (not the publish year).</summary>
    public int? ReportYear { get; init; }

    public DateOnly? PublishDate { get; init; }

    public IReadOnlyList<ReportSection> Sections { get; init; } = [];

    /// <summary>Normalized 《…》 titles (《中华人民共和国行政复议法》 and 《行政复议法》 are one).</summary>
    public IReadOnlyList<string> CitedLaws { get; init; } = [];

    /// <summary>Document numbers such as 津府发〔2022〕80号.</summary>
    public IReadOnlyList<string> DocNumbers { get; init; } = [];

    /// <summary>False for files that are not an annual rule-of-law report (news, 实施方案, 工作要点).</summary>
    public bool IsAnnualReport { get; init; } = true;
}

/// <summary>A numbered top-level heading and the span of <see cref="ExtractedReport.Text"/> it covers.</summary>
public sealed record ReportSection(string Heading, string Kind, int Start, int End);

/// <summary>Administrative levels of the reporting body.</summary>
public static class ReportLevels
{
    public const string Province = "province";
    public const string City = "city";
    public const string County = "county";
    public const string Township = "township";
    public const string Department = "department";
}

public static class RegionConfidences
{
    public const string High = "high";
    public const string Medium = "medium";
    public const string Low = "low";
}

public static class SectionKinds
{
    public const string Achievements = "achievements";
    public const string Problems = "problems";
    public const string LeaderDuties = "leaderDuties";
    public const string NextYearPlan = "nextYearPlan";
    public const string Other = "other";
}
