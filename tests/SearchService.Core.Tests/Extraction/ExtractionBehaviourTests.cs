using System.Text;
using SearchService.Extraction;

namespace SearchService.Tests.Extraction;

/// <summary>Behaviour on small hand-written pages: encodings, HTML, ambiguity, departments, citations, dates.</summary>
public sealed class ExtractionBehaviourTests
{
    private static readonly ReportExtractor Extractor = ReportExtractor.Shared;

    private const string Body =
        "2022年，在县委、县政府的坚强领导下，我镇坚持以习近平法治思想为指导，全面推进依法行政。现将我镇2022年度法治政府建设情况报告如下：\n" +
        "一、主要举措和成效\n认真学习《中华人民共和国行政复议法》和《行政复议法》释义，落实《重大行政决策程序暂行条例》。\n" +
        "二、存在的问题\n执法力量仍然薄弱，法治宣传还有差距。\n" +
        "三、2023年工作打算\n继续加强法治政府建设，提升依法行政能力。\n";

    private static ExtractedReport Extract(string text, string fileName = "report.txt") =>
        Extractor.Extract(fileName, Encoding.UTF8.GetBytes(text));

    private static string Seed(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seeds", name + ".txt"));

    [Fact]
    public void Gb18030FileExtractsLikeItsUtf8Original()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = Seed("002_621cb3420cf20d40");
        var fromUtf8 = Extractor.Extract("a.txt", Encoding.UTF8.GetBytes(text));
        var fromGb = Extractor.Extract("a.txt", Encoding.GetEncoding("GB18030").GetBytes(text));

        Assert.Equal(fromUtf8.Text, fromGb.Text);
        Assert.Equal(fromUtf8.Region, fromGb.Region);
        Assert.Equal(fromUtf8.Title, fromGb.Title);
    }

    [Fact]
    public void Utf16FileWithByteOrderMarkIsDecoded()
    {
        var text = Seed("004_5e5afbf0e11d742a");
        var report = Extractor.Extract("a.txt", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray());

        Assert.Equal("开州区2022年度法治政府建设情况", report.Title);
        Assert.Equal("500154", report.Region.CountyCode);
    }

    [Fact]
    public void Utf8ByteOrderMarkAndCrLfLineEndsDoNotReachTheText()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Seed("000_2f278ac9b8784165").Replace("\n", "\r\n"))).ToArray();
        var report = Extractor.Extract("a.txt", bytes);

        Assert.StartsWith("重庆市江津区夏坝镇关于2022年度法治政府建设工作情况的报告\n", report.Text);
        Assert.DoesNotContain('\r', report.Text);
        Assert.DoesNotContain('\uFEFF', report.Text);
    }

    [Fact]
    public void HtmlPageYieldsArticleTitleMetaPublishDateAndBodyWithoutChrome()
    {
        var html = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><meta name="PubDate" content="2023-02-20 10:00">
            <title>丰都县双龙镇2022年法治政府建设情况报告_丰都县人民政府</title><script>var x = "一、不是正文";</script></head>
            <body><div class="header"><ul class="nav"><li>首页</li><li>政务公开</li></ul></div>
            <div class="crumb">当前位置：首页 &gt; 政务公开</div>
            <div class="article"><h1 class="article-title">丰都县双龙镇2022年法治政府建设情况报告</h1>
            <div class="info"><span>发布机构：丰都县双龙镇人民政府</span></div>
            <div class="article-content" id="zoom">
            """ + string.Concat(Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => $"<p>{l.Replace("《", "&#12298;")}</p>\n")) + """
            </div></div><div class="footer"><p>主办：丰都县人民政府办公室</p><p>网站标识码：5002300001</p></div></body></html>
            """;
        var report = Extract(html, "page.html");

        Assert.Equal("丰都县双龙镇2022年法治政府建设情况报告", report.Title);
        Assert.Equal(new DateOnly(2023, 2, 20), report.PublishDate);
        Assert.Equal("500230124", report.Region.TownshipCode);
        Assert.Equal(ReportLevels.Township, report.Level);
        Assert.StartsWith("丰都县双龙镇2022年法治政府建设情况报告\n2022年，在县委、县政府的坚强领导下", report.Text);
        Assert.EndsWith("继续加强法治政府建设，提升依法行政能力。", report.Text);
        Assert.DoesNotContain("主办", report.Text);
        Assert.DoesNotContain("不是正文", report.Text);
        Assert.Equal(3, report.Sections.Count);
    }

    [Fact]
    public void HtmlPageWithAnUnknownLayoutTakesTheLargestBlockOfParagraphs()
    {
        var html = "<html><head><title>开州区2022年度法治政府建设情况_重庆市开州区人民政府</title></head><body>" +
                   "<div class=\"nav\"><p>首页</p><p>政务公开</p></div><div class=\"main-text\">" +
                   string.Concat(Body.Replace("我镇", "我区").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => $"<p>{l}</p>")) +
                   "</div><div class=\"bottom\"><p>主办：重庆市开州区人民政府办公室</p></div></body></html>";
        var report = Extract(html, "page.htm");

        Assert.Equal("开州区2022年度法治政府建设情况", report.Title);
        Assert.Equal("500154", report.Region.CountyCode);
        Assert.StartsWith("开州区2022年度法治政府建设情况\n2022年，在县委", report.Text);
        Assert.DoesNotContain("主办", report.Text);
    }

    [Fact]
    public void SiteNoticeThatReadsLikeProseIsNotTakenForTheReportStart()
    {
        var page = "欢迎访问丰都县人民政府门户网站，本站提供政务公开、办事服务和互动交流等栏目。\n首页\n政务公开\n" +
                   "丰都县双龙镇2022年法治政府建设情况报告\n发布时间：2023-01-31\n" + Body;
        var report = Extract(page);

        Assert.Equal("丰都县双龙镇2022年法治政府建设情况报告", report.Title);
        Assert.StartsWith("丰都县双龙镇2022年法治政府建设情况报告\n2022年，在县委、县政府的坚强领导下", report.Text);
        Assert.Equal(new DateOnly(2023, 1, 31), report.PublishDate);
    }

    [Fact]
    public void TitleWrappedOverTwoLinesIsJoinedAndABareDateUnderItIsThePublishDate()
    {
        var report = Extract("首页>政务公开>法治政府建设\n丰都县双龙镇人民政府关于2022年度法治政府建设\n工作情况的报告\n2023-02-08\n" + Body);

        Assert.Equal("丰都县双龙镇人民政府关于2022年度法治政府建设工作情况的报告", report.Title);
        Assert.Equal(new DateOnly(2023, 2, 8), report.PublishDate);
        Assert.StartsWith(report.Title + "\n2022年，在县委", report.Text);
    }

    [Fact]
    public void TwoNumberedHeadingsAtTheTopAreNotOneWrappedTitle()
    {
        var report = Extract("六、法治政府建设工作主要成效\n\n一、基本情况\n\n" + Body);

        Assert.DoesNotContain("成效一、", report.Title ?? "");
        Assert.DoesNotContain("成效一、", report.Text);
    }

    [Fact]
    public void AmbiguousTownshipWithoutParentCluesLeavesLowerLevelsEmptyWithLowConfidence()
    {
        var report = Extract("双龙镇2022年法治政府建设情况报告\n" + Body);

        Assert.Null(report.Region.Township);
        Assert.Null(report.Region.County);
        Assert.Equal(RegionConfidences.Low, report.RegionConfidence);
        Assert.Equal(ReportLevels.Township, report.Level);
        Assert.Null(report.Issuer);
    }

    [Fact]
    public void ParentNamedInTheBodySettlesAnAmbiguousTownship()
    {
        var report = Extract("双龙镇2022年法治政府建设情况报告\n" + Body.Replace("在县委、县政府", "在丰都县委、县政府"));

        Assert.Equal(new Region("重庆市", "50", null, null, "丰都县", "500230", "双龙镇", "500230124"), report.Region);
        Assert.Equal("重庆市丰都县双龙镇人民政府", report.Issuer);
    }

    [Fact]
    public void DepartmentTitleGivesDepartmentLevelWithItsGovernmentsRegion()
    {
        var report = Extract("重庆市江津区司法局2022年度法治政府建设情况报告\n" + Body.Replace("我镇", "我局"));

        Assert.Equal(ReportLevels.Department, report.Level);
        Assert.Equal("司法局", report.Department);
        Assert.Equal(new Region("重庆市", "50", null, null, "江津区", "500116"), report.Region);
        Assert.Equal("重庆市江津区司法局", report.Issuer);
        Assert.Equal(RegionConfidences.High, report.RegionConfidence);
    }

    [Fact]
    public void IssuerWrittenInTheTitleIsTakenAsWritten()
    {
        var report = Extract("丰都县双龙镇人民政府关于2022年度法治政府建设工作情况的报告\n" + Body);

        Assert.Equal("丰都县双龙镇人民政府", report.Issuer);
        Assert.Equal("500230124", report.Region.TownshipCode);
    }

    [Fact]
    public void PlaceNamedInsideACitedDocumentInTheTitleIsNotTheReportingBody()
    {
        var report = Extract("关于贯彻落实《重庆市法治政府建设实施方案》2022年度情况的报告\n" +
                             Body.Replace("在县委、县政府", "在丰都县委、县政府").Replace("现将我镇", "现将双龙镇"));

        Assert.Equal(ReportLevels.Township, report.Level);
        Assert.Equal("500230124", report.Region.TownshipCode);
        Assert.NotEqual(RegionConfidences.High, report.RegionConfidence);
    }

    [Fact]
    public void DistrictLevelDepartmentNamesThatStartWithShiStayWhole()
    {
        var report = Extract("杭州市市场监督管理局2021年度法治政府建设工作报告\n" + Body.Replace("我镇", "我局"));

        Assert.Equal("市场监督管理局", report.Department);
        Assert.Equal("3301", report.Region.CityCode);
        Assert.Null(report.Region.County);
    }

    [Fact]
    public void NumberedSentencesInTheOpeningDoNotHideTheChineseNumberedSections()
    {
        var report = Extract("开州区2022年度法治政府建设情况\n2022年，全区法治政府建设取得新成效：\n1.办理行政复议案件30件，纠错率10%。\n2.行政诉讼败诉率下降。\n" +
                             Body.Replace("我镇", "我区"));

        Assert.Equal(["一、主要举措和成效", "二、存在的问题", "三、2023年工作打算"], report.Sections.Select(s => s.Heading));
        Assert.Equal([SectionKinds.Achievements, SectionKinds.Problems, SectionKinds.NextYearPlan], report.Sections.Select(s => s.Kind));
    }

    [Fact]
    public void HeadingNamingTheFollowingYearIsThePlanWhateverItsWording()
    {
        var report = Extract("开州区2022年度法治政府建设情况\n" + Body.Replace("三、2023年工作打算", "三、2023年主要工作举措"));

        Assert.Equal(SectionKinds.NextYearPlan, report.Sections[2].Kind);
        Assert.Equal(SectionKinds.Achievements, report.Sections[0].Kind);
    }

    [Fact]
    public void NationalPrefixIsDroppedSoOneLawIsCitedOnce()
    {
        var report = Extract("关于某某2022年度法治政府建设工作情况的报告\n" + Body);

        Assert.Equal(["《行政复议法》", "《重大行政决策程序暂行条例》"], report.CitedLaws);
    }

    [Fact]
    public void HalfWidthPunctuationInTitlesNormalizesToTheFullWidthForm()
    {
        Assert.Equal("《法治政府建设实施纲要（2021－2025年）》", CitationExtractor.NormalizeLaw("法治政府建设实施纲要(2021-2025年)"));
        Assert.Equal(CitationExtractor.NormalizeLaw("中华人民共和国宪法"), CitationExtractor.NormalizeLaw("宪法"));
    }

    [Fact]
    public void DocumentNumbersKeepTheIssuerPrefixButNotTheLeadingVerb()
    {
        var report = Extract("X县2022年法治政府建设情况报告\n根据渝府发〔2022〕12号和国办发[2021]3号文件精神，全面推进依法行政工作。");

        Assert.Equal(["渝府发〔2022〕12号", "国办发〔2021〕3号"], report.DocNumbers);
    }

    [Theory]
    [InlineData("关于印发2023年法治政府建设工作要点的通知", false)]
    [InlineData("某某县法治政府建设实施方案（2021－2025年）", false)]
    [InlineData("我县召开2022年法治政府建设推进会", false)]
    [InlineData("某某县2022年度法治政府建设情况报告", true)]
    [InlineData("某某县2022年度法治政府建设工作总结", true)]
    public void OnlyAnnualReportsAreMarkedAsAnnualReports(string title, bool annual)
    {
        Assert.Equal(annual, Extract(title + "\n" + Body).IsAnnualReport);
    }

    [Fact]
    public void SignatureDateIsThePublishDateWhenTheHeaderShowsNone()
    {
        var report = Extract("开州区2022年度法治政府建设情况\n" + Body.Replace("我镇", "我区") + "重庆市开州区人民政府\n二〇二三年三月五日\n扫一扫在手机打开当前页\n主办：重庆市开州区人民政府办公室");

        Assert.Equal(new DateOnly(2023, 3, 5), report.PublishDate);
        Assert.EndsWith("重庆市开州区人民政府\n二〇二三年三月五日", report.Text);
        Assert.Equal("重庆市开州区人民政府", report.Issuer);
    }

    [Fact]
    public void ReportYearIsTheYearReportedOnNotThePublishYear()
    {
        var report = Extract("开州区2022年度法治政府建设情况\n发布日期：2023-01-10\n" + Body);

        Assert.Equal(2022, report.ReportYear);
        Assert.Equal(new DateOnly(2023, 1, 10), report.PublishDate);
    }

    [Fact]
    public void ProvinceSloganPlacesAHeaderlessCountyReport()
    {
        var report = Extract("2022年，我县坚持以习近平法治思想为指导，奋力推进法治浙江建设，在法治浙江建设考核中取得好成绩，各项工作稳步推进。");

        Assert.Equal("浙江省", report.Region.Province);
        Assert.Equal(ReportLevels.County, report.Level);
        Assert.NotEqual(RegionConfidences.High, report.RegionConfidence);
    }

    [Fact]
    public void CountySloganPlacesAHeaderlessReportThatNeverWritesItsFullName()
    {
        var report = Extract("2022年，在市委、市政府的坚强领导下，我区认真落实重庆市法治政府建设部署，深入推进法治开州建设，各项工作稳步推进。");

        Assert.Equal(new Region("重庆市", "50", null, null, "开州区", "500154"), report.Region);
        Assert.Equal(ReportLevels.County, report.Level);
        Assert.Equal(RegionConfidences.Medium, report.RegionConfidence);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    [InlineData("<html><body></body></html>")]
    [InlineData("首页\n扫一扫在手机打开当前页")]
    public void EmptyOrChromeOnlyFilesStillYieldAReport(string content)
    {
        var report = Extract(content, "000123_empty.txt");

        Assert.NotNull(report.Title);
        Assert.Equal(Region.Unknown, report.Region);
        Assert.Empty(report.Sections);
    }

    [Fact]
    public void ConcurrentExtractionGivesTheSameResultsAsSequential()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds"), "*.txt").Select(File.ReadAllBytes).ToArray();
        var sequential = files.Select(f => Extractor.Extract("a.txt", f)).ToArray();
        var concurrent = new ExtractedReport[files.Length * 8];

        Parallel.For(0, concurrent.Length, i => concurrent[i] = Extractor.Extract("a.txt", files[i % files.Length]));

        for (var i = 0; i < concurrent.Length; i++)
        {
            var expected = sequential[i % files.Length];
            Assert.Equal(expected with { Sections = [], CitedLaws = [], DocNumbers = [] }, concurrent[i] with { Sections = [], CitedLaws = [], DocNumbers = [] });
            Assert.Equal(expected.Sections, concurrent[i].Sections);
        }
    }
}
