using SearchService.Extraction;

namespace SearchService.Search;

/// <summary>A report's metadata as stored in the index (without its text).</summary>
public sealed record ReportMetadata
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public bool TitleDerived { get; init; }
    public string? Province { get; init; }
    public string? City { get; init; }
    public string? County { get; init; }
    public string? Township { get; init; }
    public string? ProvinceCode { get; init; }
    public string? CityCode { get; init; }
    public string? CountyCode { get; init; }
    public string? TownshipCode { get; init; }
    public string? RegionConfidence { get; init; }
    public string? Level { get; init; }
    public string? Department { get; init; }
    public string? Issuer { get; init; }
    public int? Year { get; init; }
    public string? PublishDate { get; init; }
    public bool IsAnnualReport { get; init; } = true;
    public IReadOnlyList<ReportSection> Sections { get; init; } = [];
    public IReadOnlyList<string> CitedLaws { get; init; } = [];
    public IReadOnlyList<string> DocNumbers { get; init; } = [];

}
