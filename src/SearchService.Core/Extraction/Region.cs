namespace SearchService.Extraction;

/// <summary>
/// Where a report comes from, as official names with division codes; levels the evidence does not decide stay null.
/// For the municipalities (北京, 天津, 上海, 重庆) <see cref="City"/> is null.
/// </summary>
public sealed record Region(
    string? Province = null, string? ProvinceCode = null,
    string? City = null, string? CityCode = null,
    string? County = null, string? CountyCode = null,
    string? Township = null, string? TownshipCode = null)
{
    public static readonly Region Unknown = new();

    /// <summary>The code of the most specific division known.</summary>
    public string? Code => TownshipCode ?? CountyCode ?? CityCode ?? ProvinceCode;
}
