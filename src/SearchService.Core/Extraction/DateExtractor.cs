using System.Text.RegularExpressions;

namespace SearchService.Extraction;

/// <summary>The year reported on and the publish date.</summary>
internal static partial class DateExtractor
{
    /// <summary>
    /// The header's publication date (发布日期 before 发布时间/时间/日期 before 成文日期 before a bare date line), else the
    /// page's PubDate meta, else the date under the closing signature, else null.
    /// </summary>
    public static DateOnly? PublishDate(IReadOnlyList<string> headerLines, string? metaPubDate, string? signatureDate)
    {
        DateOnly? best = null;
        var bestRank = int.MaxValue;
        foreach (var line in headerLines)
        {
            // A bare date line under the title ("2023-03-15") is a publication date too, the weakest kind.
            if (bestRank > 4 && IsoDate().Match(line) is { Success: true } bare && bare.Length >= line.Length - 9
                && ToDate(bare) is { } bareDate)
            {
                (best, bestRank) = (bareDate, 4);
            }
            foreach (Match m in LabeledDate().Matches(line))
            {
                var rank = m.Groups["label"].Value switch { "发布日期" => 0, "发布时间" => 1, "时间" or "日期" => 2, _ => 3 };
                if (rank < bestRank && ToDate(m) is { } date)
                {
                    (best, bestRank) = (date, rank);
                }
            }
        }
        if (best is null && metaPubDate is not null && IsoDate().Match(metaPubDate) is { Success: true } meta)
        {
            best = ToDate(meta);
        }
        if (best is null && signatureDate is not null && ChineseDate().Match(signatureDate) is { Success: true } sig)
        {
            best = ToDate(sig);
        }
        return best;
    }

    /// <summary>
    /// The year the title names (法治政府建设 reports name the reported year, not the publish year); else the year the
    /// opening states ("现将我镇2024年…", "2022年，…"); else the year before publication.
    /// </summary>
    public static int? ReportYear(string? title, string text, int bodyStart, DateOnly? published)
    {
        if (title is not null && YearInTitle().Match(title) is { Success: true } t && Plausible(t.Groups[1].Value) is { } ty)
        {
            return ty;
        }
        var opening = text.AsSpan(bodyStart, Math.Min(600, text.Length - bodyStart)).ToString();
        if (ReportedYear().Match(opening) is { Success: true } r && Plausible(r.Groups["y"].Value) is { } ry)
        {
            return ry;
        }
        if (LeadingYear().Match(opening) is { Success: true } l && Plausible(l.Groups[1].Value) is { } ly)
        {
            return ly;
        }
        return published is { } p ? p.Year - 1 : null;
    }

    private static int? Plausible(string digits) =>
        int.TryParse(digits, out var y) && y is >= 2000 and <= 2099 ? y : null;

    private static DateOnly? ToDate(Match m) => ToDate(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value);

    private static DateOnly? ToDate(string y, string m, string d)
    {
        int? year = ParseNumber(y), month = ParseNumber(m), day = ParseNumber(d);
        if (year is null or < 2000 or > 2099 || month is null or < 1 or > 12 || day is null or < 1)
        {
            return null;
        }
        return day <= DateTime.DaysInMonth(year.Value, month.Value) ? new DateOnly(year.Value, month.Value, day.Value) : null;
    }

    /// <summary>Arabic digits, or Chinese numerals as signatures write them (二〇二三, 十五).</summary>
    private static int? ParseNumber(string s)
    {
        if (int.TryParse(s, out var n))
        {
            return n;
        }
        const string digits = "〇一二三四五六七八九";
        if (s.Length == 4)
        {
            var v = 0;
            foreach (var c in s)
            {
                var k = digits.IndexOf(c is '○' or '零' ? '〇' : c);
                if (k < 0)
                {
                    return null;
                }
                v = v * 10 + k;
            }
            return v;
        }
        var ten = s.IndexOf('十');
        if (ten < 0)
        {
            return s.Length == 1 ? digits.IndexOf(s[0]) is var d and > 0 ? d : null : null;
        }
        var tens = ten == 0 ? 1 : digits.IndexOf(s[0]);
        var ones = ten == s.Length - 1 ? 0 : digits.IndexOf(s[^1]);
        return tens < 0 || ones < 0 ? null : tens * 10 + ones;
    }

    [GeneratedRegex(@"(?<label>发布日期|发布时间|成文日期|发文日期|时间|日期)\s*[\]】]?\s*[:：]?\s*(?<y>\d{4})\s*[-/.年]\s*(?<m>\d{1,2})\s*[-/.月]\s*(?<d>\d{1,2})")]
    private static partial Regex LabeledDate();

    [GeneratedRegex(@"(?<y>\d{4})[-/.](?<m>\d{1,2})[-/.](?<d>\d{1,2})")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<y>\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(?<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日")]
    private static partial Regex ChineseDate();

    [GeneratedRegex(@"(20\d{2})\s*年")]
    private static partial Regex YearInTitle();

    [GeneratedRegex(@"现将.{0,20}?(?<y>20\d{2})\s*年|(?:^|[，,。])(?<y>20\d{2})\s*年度?(?:法治政府建设|依法行政)")]
    private static partial Regex ReportedYear();

    [GeneratedRegex(@"^(20\d{2})\s*年")]
    private static partial Regex LeadingYear();
}
