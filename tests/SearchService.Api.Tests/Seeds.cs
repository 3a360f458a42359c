namespace SearchService.Api;

/// <summary>The ids of the five shipped reports, by the place each comes from.</summary>
internal static class Seeds
{
    public const string Xiaba = "000_2f278ac9b8784165";
    public const string Xilian = "001_e2bbb0a062381183";
    public const string Shuanglong = "002_621cb3420cf20d40";
    public const string Taixia = "003_257872858a488183";
    public const string Kaizhou = "004_5e5afbf0e11d742a";
}
