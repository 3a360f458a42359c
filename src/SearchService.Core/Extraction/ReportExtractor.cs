using System.Text;
using System.Text.RegularExpressions;

namespace SearchService.Extraction;

/// <summary>Turns one raw report file (bytes as on disk) into clean text and metadata. Thread-safe: it holds only
/// the read-only division index.</summary>
public sealed partial class ReportExtractor
{
    private static readonly Lazy<ReportExtractor> SharedInstance = new(() => new ReportExtractor(Divisions.Load()));

    private readonly RegionResolver _resolver;

    public ReportExtractor(Divisions divisions) => _resolver = new RegionResolver(divisions);

    /// <summary>An extractor over the embedded division list, shared process-wide.</summary>
    public static ReportExtractor Shared => SharedInstance.Value;

    public ExtractedReport Extract(string fileName, ReadOnlySpan<byte> content)
    {
        var decoded = ReportDecoder.Decode(content);
        string pageText = decoded, htmlChrome = "";
        string? metaPubDate = null;
        if (ReportDecoder.LooksLikeHtml(fileName, decoded))
        {
            (pageText, htmlChrome, metaPubDate) = HtmlPage.Read(decoded);
        }
        var page = PageCleaner.Clean(pageText);
        var body = page.Text[page.BodyStart..];

        // Lines that name a body (a title opening "XX县人民政府关于…", the closing signature, the page's issuer line)
        // testify to the issuer; the rest of the chrome (site name, footer "主办：…") only to its surroundings.
        var organLines = new List<string>();
        if (page.Title is not null && TitleOrgan().Match(page.Title) is { Success: true } titleOrgan && PageCleaner.IsOrganName(titleOrgan.Groups[1].Value))
        {
            organLines.Add(titleOrgan.Groups[1].Value);
        }
        if (page.SignatureOrgan is not null)
        {
            organLines.Add(page.SignatureOrgan);
        }
        var chrome = new StringBuilder(htmlChrome);
        foreach (var line in page.HeaderLines)
        {
            if (PageCleaner.IsOrganName(line))
            {
                organLines.Add(line);
            }
            else
            {
                chrome.Append(line).Append('\n');
            }
        }
        foreach (var line in page.TrailerLines)
        {
            chrome.Append(line).Append('\n');
        }

        var who = _resolver.Resolve(page.Title, organLines, chrome.ToString(), body);
        var published = DateExtractor.PublishDate(page.HeaderLines, metaPubDate, page.SignatureDate);
        var year = DateExtractor.ReportYear(page.Title, page.Text, page.BodyStart, published);
        var sections = SectionSplitter.Split(page.Text, page.BodyStart, year);

        return new ExtractedReport
        {
            Title = page.Title ?? DerivedTitle(who, year, fileName),
            TitleDerived = page.Title is null,
            Text = page.Text,
            Region = who.Region,
            RegionConfidence = who.Confidence,
            Level = who.Level,
            Department = who.Department,
            Issuer = who.Issuer,
            ReportYear = year,
            PublishDate = published,
            Sections = sections,
            CitedLaws = CitationExtractor.Laws(page.Text),
            DocNumbers = CitationExtractor.DocNumbers(page.Text),
            IsAnnualReport = IsAnnualReport(page.Title, body, sections),
        };
    }

    /// <summary>For pages that show no title: the region's names down to the reporting body, and the year.</summary>
    private static string DerivedTitle(ResolvedIssuer who, int? year, string fileName)
    {
        var r = who.Region;
        var name = string.Concat(r.Province, r.City, r.County, r.Township, who.Department);
        if (name.Length == 0 && year is null)
        {
            return Path.GetFileNameWithoutExtension(fileName);
        }
        return year is null ? name + "法治政府建设情况报告" : $"{name}{year}年度法治政府建设情况报告";
    }

    /// <summary>An annual report calls itself one (报告/情况/总结); 实施方案, 工作要点 and news items do not. Without a
    /// title, the body's "报告如下" or its problems and plans sections decide.</summary>
    private static bool IsAnnualReport(string? title, string body, IReadOnlyList<ReportSection> sections)
    {
        if (title is not null)
        {
            return ReportTitle().IsMatch(title) && !PlanTitle().IsMatch(title);
        }
        if (body.Contains("报告如下", StringComparison.Ordinal))
        {
            return true;
        }
        var hasProblems = false;
        var hasPlan = false;
        foreach (var s in sections)
        {
            hasProblems |= s.Kind == SectionKinds.Problems;
            hasPlan |= s.Kind == SectionKinds.NextYearPlan;
        }
        return hasProblems && hasPlan;
    }

    [GeneratedRegex(@"^(?:关于)?(\p{IsCJKUnifiedIdeographs}{4,30}?)(?:关于|20\d{2})")]
    private static partial Regex TitleOrgan();

    [GeneratedRegex(@"报告|情况|总结|述法")]
    private static partial Regex ReportTitle();

    [GeneratedRegex(@"实施方案|工作要点|工作计划|的通知|意见$")]
    private static partial Regex PlanTitle();
}
