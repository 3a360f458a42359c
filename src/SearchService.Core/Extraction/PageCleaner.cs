using System.Text;
using System.Text.RegularExpressions;

namespace SearchService.Extraction;

/// <summary>The report cut out of its page: title, body lines, and the chrome around them kept as evidence.</summary>
internal sealed record CleanPage(
    string? Title,
    string Text,
    int BodyStart,
    IReadOnlyList<string> HeaderLines,
    IReadOnlyList<string> TrailerLines,
    string? SignatureOrgan,
    string? SignatureDate);

/// <summary>
/// Finds where the report starts and ends inside a scraped page. The report body is recognised by its prose
/// (long lines, sentence punctuation); the title is the title-like line just above it; lines before the title and
/// after the closing signature are page chrome (site names, breadcrumbs, metadata tables, footers).
/// </summary>
internal static partial class PageCleaner
{
    public static CleanPage Clean(string raw)
    {
        var lines = SplitLines(raw);
        if (lines.Count == 0)
        {
            return new CleanPage(null, "", 0, [], [], null, null);
        }
        var first = FirstProseLine(lines, 0);
        // A site notice or a nav blurb can read like prose; an annual-report title just below it (a line naming its
        // year, not a numbered heading, after at most two prose-like lines) shows where the report really starts.
        var proseSeen = 0;
        for (var i = first; i < Math.Min(lines.Count, first + 40) && proseSeen <= 2; i++)
        {
            if (IsProse(lines[i]))
            {
                proseSeen++;
            }
            else if (i > first && lines[i].Length <= 80 && ReportTitle().IsMatch(lines[i]) && YearNamed().IsMatch(lines[i])
                && !NumberedHeading().IsMatch(lines[i]) && !IsJunk(lines[i]))
            {
                first = FirstProseLine(lines, i + 1);
                break;
            }
        }
        var titleIndex = FindTitle(lines, first);
        var title = titleIndex >= 0 ? StripLabel(lines[titleIndex]) : null;
        // A long title wrapped over two lines ("…关于2022年度法治政府建设" / "情况的报告") is one title; two numbered
        // headings ("六、法治政府建设工作主要成效" / "一、基本情况") are not.
        var wrappedTitleStart = titleIndex;
        if (titleIndex > 0 && title is not null && !ReportTitle().IsMatch(title) && !ReportTitle().IsMatch(lines[titleIndex - 1]) && !IsMeta(lines[titleIndex - 1])
            && !NumberedHeading().IsMatch(lines[titleIndex - 1]) && !NumberedHeading().IsMatch(title)
            && !IsJunk(lines[titleIndex - 1]) && !IsOrganName(lines[titleIndex - 1]) && ReportTitle().IsMatch(lines[titleIndex - 1] + title)
            && lines[titleIndex - 1].Length + title.Length <= 80)
        {
            title = StripLabel(lines[titleIndex - 1]) + title;
            wrappedTitleStart = titleIndex - 1;
        }

        var last = LastProseLine(lines, first);
        var end = ExtendOverSignature(lines, last, out var organ, out var date);

        var header = new List<string>();
        var body = new List<string>();
        for (var i = 0; i < first; i++)
        {
            if (i == titleIndex || i == wrappedTitleStart)
            {
                continue;
            }
            // Between title and prose only metadata and a repeated title are chrome; a subtitle or an opening
            // heading belongs to the report.
            if (i > titleIndex && titleIndex >= 0 && !IsMeta(lines[i]) && !IsJunk(lines[i]) && lines[i] != lines[titleIndex] && !IsOrganName(lines[i]))
            {
                body.Add(lines[i]);
            }
            else
            {
                header.Add(lines[i]);
            }
        }
        for (var i = first; i <= end; i++)
        {
            body.Add(lines[i]);
        }

        var sb = new StringBuilder(raw.Length);
        if (title is not null)
        {
            sb.Append(title).Append('\n');
        }
        var bodyStart = sb.Length;
        for (var i = 0; i < body.Count; i++)
        {
            sb.Append(body[i]);
            if (i < body.Count - 1)
            {
                sb.Append('\n');
            }
        }
        return new CleanPage(title, sb.ToString(), bodyStart, header, lines[(end + 1)..], organ, date);
    }

    private static List<string> SplitLines(string raw)
    {
        var result = new List<string>();
        foreach (var range in raw.AsSpan().SplitAny('\n', '\r'))
        {
            // Trim() covers every Unicode space (U+3000, U+2002 padding under signatures, NBSP); BOMs are not spaces.
            var line = raw.AsSpan(range).Trim().Trim('\uFEFF').Trim();
            if (!line.IsEmpty)
            {
                result.Add(line.ToString());
            }
        }
        return result;
    }

    /// <summary>Report prose: a sentence-bearing line that is not a metadata table or breadcrumb.</summary>
    private static bool IsProse(string line) =>
        !IsJunk(line) && !IsMeta(line)
        && ((line.Length >= 30 && line.AsSpan().IndexOfAny('，', ',', '。') >= 0) || (line.Length >= 12 && EndsSentence(line)));

    private static bool EndsSentence(string line) => line[^1] is '。' or '！' or '？' or '；' or ';' or '”' or '…';

    private static int FirstProseLine(List<string> lines, int from)
    {
        for (var i = from; i < lines.Count; i++)
        {
            if (IsProse(lines[i]))
            {
                return i;
            }
        }
        return from < lines.Count ? from : 0;
    }

    /// <summary>The last line of the report proper: prose, a line that ends a sentence ("无。") or a numbered heading.</summary>
    private static int LastProseLine(List<string> lines, int first)
    {
        for (var i = lines.Count - 1; i > first; i--)
        {
            if (IsProse(lines[i]) || (EndsSentence(lines[i]) || NumberedHeading().IsMatch(lines[i])) && !IsJunk(lines[i]) && !IsMeta(lines[i]))
            {
                return i;
            }
        }
        return first;
    }

    /// <summary>Takes the closing signature (issuing body, date) after the last paragraph into the report.</summary>
    private static int ExtendOverSignature(List<string> lines, int last, out string? organ, out string? date)
    {
        organ = null;
        date = null;
        var end = last;
        for (var i = last + 1; i < lines.Count && i <= last + 3; i++)
        {
            var line = lines[i];
            if (date is null && DateLine().IsMatch(line))
            {
                date = line;
                end = i;
            }
            else if (organ is null && date is null && IsOrganName(line))
            {
                organ = line;
                end = i;
            }
            else
            {
                break;
            }
        }
        return end;
    }

    /// <summary>The title-like line nearest above the first paragraph, skipping metadata and widgets.</summary>
    private static int FindTitle(List<string> lines, int first)
    {
        var fallback = -1;
        for (var i = first - 1; i >= 0; i--)
        {
            var line = lines[i];
            if (LabeledTitle().IsMatch(line))
            {
                return i;
            }
            if (IsMeta(line) || IsJunk(line) || line.Length < 6 || line.Length > 120 || EndsSentence(line))
            {
                continue;
            }
            if (TitleWords().IsMatch(line))
            {
                // A repeated title (page heading and article heading) is one title: keep the upper copy.
                while (i > 0 && lines[i - 1] == line)
                {
                    i--;
                }
                return i;
            }
            // Without title words only a headline-length line will do; nav items ("走进滨湖新区") are shorter.
            if (fallback < 0 && line.Length >= 10 && !OrganLine().IsMatch(line) && !line.Contains(' ') && !line.Contains('|'))
            {
                fallback = i;
            }
        }
        return fallback;
    }

    private static string StripLabel(string line)
    {
        var m = LabeledTitle().Match(line);
        return m.Success ? line[m.Length..].Trim() : line;
    }

    /// <summary>A line that is only the name of a body (重庆市江津区夏坝镇人民政府), as page headers and signatures show it.</summary>
    internal static bool IsOrganName(string line) =>
        line.Length <= 40 && OrganLine().IsMatch(line) && !IsMeta(line) && !IsJunk(line) && line.AsSpan().IndexOfAny(' ', '，', '、') < 0 && line.AsSpan().IndexOfAny('。', '|', ':') < 0;

    internal static bool IsMeta(string line) => MetaLine().IsMatch(line);

    internal static bool IsJunk(string line) => JunkLine().IsMatch(line);

    [GeneratedRegex(@"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|第[一二三四五六七八九十]{1,3}部分|\d{1,2}\s*[、.．])")]
    private static partial Regex NumberedHeading();

    [GeneratedRegex(@"^(?:标题|文章标题)\s*[:：]\s*")]
    private static partial Regex LabeledTitle();

    [GeneratedRegex(@"^[^。，,]*(?:法治政府建设|法治建设|依法行政)[^。，,]*(?:报告|情况|总结)[）)]?$")]
    private static partial Regex ReportTitle();

    [GeneratedRegex(@"20\d{2}")]
    private static partial Regex YearNamed();

    [GeneratedRegex(@"报告|情况|总结|工作要点|实施方案|方案|通知|意见|法治|依法|会议|召开")]
    private static partial Regex TitleWords();

    [GeneratedRegex(@"^(?:\[\s*索引号|索引号|发布日期|发布时间|发布机构|成文日期|发文日期|发文字号|文号|来源|信息来源|时间|日期|作者|编辑|责任编辑|浏览次数|点击数|阅读次数|主题分类|体裁分类|分享|字号|【?字体)|发布时间[:：]|浏览次数|^分享到|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")]
    private static partial Regex MetaLine();

    [GeneratedRegex(@"^(?:扫一扫|主办|承办|协办|技术支持|版权所有|网站标识码|网站地图|联系我们|关注|纠错|我要纠错|打印|关闭|建议使用|无障碍|长者模式|返回|首页|当前位置|您当前的位置|您的位置|所在位置|相关链接|友情链接)|ICP|公网安备|备案号|>.*>|网站$|^[A-Za-z ]{1,12}$|^[^。！？；]{1,2}$")]
    private static partial Regex JunkLine();

    [GeneratedRegex(@"^(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$")]
    private static partial Regex DateLine();

    [GeneratedRegex(@"(?:人民政府|办事处|政府|局|厅|委员会|委|办公室|管委会|公署)$")]
    internal static partial Regex OrganLine();
}
