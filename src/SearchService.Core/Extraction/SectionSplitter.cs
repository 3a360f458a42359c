using System.Text.RegularExpressions;

namespace SearchService.Extraction;

/// <summary>
/// Finds the top-level numbered headings. The numbering style of the first heading numbered 1 after the opening
/// (一、 / （一） / 1. / 第一部分) is the top level; headings of that style in sequence are the sections.
/// </summary>
internal static partial class SectionSplitter
{
    private const string ChineseDigits = "一二三四五六七八九十";

    public static IReadOnlyList<ReportSection> Split(string text, int bodyStart, int? reportYear)
    {
        var headings = new List<(int Start, string Line)>();
        string? style = null;
        var expected = 1;
        var pos = bodyStart;
        while (pos < text.Length)
        {
            var nl = text.IndexOf('\n', pos);
            var lineEnd = nl < 0 ? text.Length : nl;
            // Only lines opening like a number (一 （ ( 1 第) or a lost one (、) are worth a regex and a string.
            var opener = pos < lineEnd ? text[pos] : '\n';
            if (!(opener is '（' or '(' or '第' or '、' || char.IsAsciiDigit(opener) || ChineseDigits.Contains(opener)))
            {
                pos = lineEnd + 1;
                continue;
            }
            var line = text[pos..lineEnd];
            if (Numbered().Match(line) is { Success: true } m)
            {
                var (lineStyle, number) = Classify(m);
                var headingLike = IsHeadingLine(line, m.Length);
                // The first heading-like line numbered 1 sets the style, so a numbered list in the opening does not.
                if (style is null && headingLike && number == 1)
                {
                    style = lineStyle;
                }
                if (lineStyle == style && headingLike && number == expected)
                {
                    headings.Add((pos, line));
                    expected++;
                }
            }
            else if (style == "cn" && expected > 1 && MissingNumber().IsMatch(line))
            {
                // Scraped pages sometimes lose the numeral and keep only "、下一步工作思路".
                headings.Add((pos, line));
                expected++;
            }
            pos = lineEnd + 1;
        }

        var sections = new ReportSection[headings.Count];
        for (var i = 0; i < headings.Count; i++)
        {
            var end = i + 1 < headings.Count ? headings[i + 1].Start - 1 : text.Length;
            sections[i] = new ReportSection(headings[i].Line, Kind(headings[i].Line, reportYear), headings[i].Start, end);
        }
        return sections;
    }

    /// <summary>A heading holds no sentence stop, or only a closing one after a short comma-free phrase
    /// ("一、主要举措和成效。"); "1.办理案件30件，纠错率10%。" is a list item.</summary>
    private static bool IsHeadingLine(string line, int markerLength)
    {
        var rest = line.AsSpan(markerLength);
        var stop = rest.IndexOfAny('。', '；', ';');
        return stop < 0 || stop == rest.Length - 1 && rest.Length <= 30 && rest.IndexOfAny('，', ',') < 0;
    }

    private static (string Style, int Number) Classify(Match m)
    {
        if (m.Groups["cn"].Success)
        {
            return ("cn", ChineseNumber(m.Groups["cn"].Value));
        }
        if (m.Groups["paren"].Success)
        {
            return ("paren", ChineseNumber(m.Groups["paren"].Value));
        }
        if (m.Groups["part"].Success)
        {
            return ("part", ChineseNumber(m.Groups["part"].Value));
        }
        return ("arabic", int.Parse(m.Groups["num"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static int ChineseNumber(string s)
    {
        if (s.Length == 1)
        {
            return ChineseDigits.IndexOf(s[0]) + 1;
        }
        var ten = s.IndexOf('十');
        var tens = ten == 0 ? 1 : ChineseDigits.IndexOf(s[0]) + 1;
        var ones = ten == s.Length - 1 ? 0 : ChineseDigits.IndexOf(s[^1]) + 1;
        return tens * 10 + ones;
    }

    /// <summary>Kind by the heading's wording, checked from the most to the least specific; a heading naming a year
    /// after the reported one ("三、2023年工作举措") looks ahead.</summary>
    internal static string Kind(string heading, int? reportYear)
    {
        if (OtherWords().IsMatch(heading))
        {
            return SectionKinds.Other;
        }
        if (LeaderWords().IsMatch(heading))
        {
            return SectionKinds.LeaderDuties;
        }
        if (ProblemWords().IsMatch(heading))
        {
            return SectionKinds.Problems;
        }
        if (PlanWords().IsMatch(heading) || reportYear is { } y && HeadingYear().Match(heading) is { Success: true } m && int.Parse(m.ValueSpan, System.Globalization.CultureInfo.InvariantCulture) > y)
        {
            return SectionKinds.NextYearPlan;
        }
        // "安排" also closes achievement headings ("…工作要点相关安排的情况"), so it only decides without them.
        return !AchievementWords().IsMatch(heading) && WeakPlanWords().IsMatch(heading) ? SectionKinds.NextYearPlan : SectionKinds.Achievements;
    }

    [GeneratedRegex(@"^(?:(?<cn>[一二三四五六七八九十]{1,3})\s*[、.．]|[（(](?<paren>[一二三四五六七八九十]{1,3})[）)]|(?<num>\d{1,2})\s*(?:[、．]|\.(?!\d)|\.(?=\d{4}年))|第(?<part>[一二三四五六七八九十]{1,3})部分)")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"^、[^。；;]{2,40}$")]
    private static partial Regex MissingNumber();

    [GeneratedRegex(@"其他需要报告|其他有关情况|^[^、]{0,6}、?基本情况$")]
    private static partial Regex OtherWords();

    [GeneratedRegex(@"第一责任人|主要负责人|党政主要负责")]
    private static partial Regex LeaderWords();

    [GeneratedRegex(@"问题|不足|差距|短板|薄弱|困难")]
    private static partial Regex ProblemWords();

    [GeneratedRegex(@"举措|成效|成绩|成果|做法|工作开展|开展情况|主要工作")]
    private static partial Regex AchievementWords();

    [GeneratedRegex(@"下一步|下一年|明年|打算|计划|思路|展望|努力方向")]
    private static partial Regex PlanWords();

    [GeneratedRegex(@"20\d{2}(?=\s*年)")]
    private static partial Regex HeadingYear();

    [GeneratedRegex(@"安排|工作重点")]
    private static partial Regex WeakPlanWords();
}
