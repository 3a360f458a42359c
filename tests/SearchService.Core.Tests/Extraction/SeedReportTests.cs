using SearchService.Extraction;

namespace SearchService.Tests.Extraction;

/// <summary>The five real seed pages, every field asserted; expected values are read off the pages themselves.</summary>
public sealed class SeedReportTests
{
    private static ExtractedReport Extract(string seed)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "seeds", seed + ".txt");
        return ReportExtractor.Shared.Extract(Path.GetFileName(path), File.ReadAllBytes(path));
    }

    private static void AssertSections(ExtractedReport report, params (string Heading, string Kind)[] expected)
    {
        Assert.Equal(expected, report.Sections.Select(s => (s.Heading, s.Kind)));
        for (var i = 0; i < report.Sections.Count; i++)
        {
            var s = report.Sections[i];
            Assert.StartsWith(s.Heading, report.Text[s.Start..]);
            Assert.Equal(i + 1 < report.Sections.Count ? report.Sections[i + 1].Start - 1 : report.Text.Length, s.End);
        }
    }

    private static void AssertNoChrome(ExtractedReport report)
    {
        foreach (var chrome in new[] { "当前位置", "您当前的位置", "扫一扫", "主办:", "主办：", "版权所有", "索引号", "分享:", "首页>", "首页\n", "区县政府网站", "字号" })
        {
            Assert.DoesNotContain(chrome, report.Text);
        }
    }

    [Fact]
    public void BreadcrumbPageOfChongqingTownshipYieldsRegionDatesIssuerAndSignature()
    {
        var r = Extract("000_2f278ac9b8784165");

        Assert.Equal("重庆市江津区夏坝镇关于2022年度法治政府建设工作情况的报告", r.Title);
        Assert.False(r.TitleDerived);
        Assert.Equal(new Region("重庆市", "50", null, null, "江津区", "500116", "夏坝镇", "500116119"), r.Region);
        Assert.Equal(RegionConfidences.High, r.RegionConfidence);
        Assert.Equal(ReportLevels.Township, r.Level);
        Assert.Null(r.Department);
        Assert.Equal("重庆市江津区夏坝镇人民政府", r.Issuer);
        Assert.Equal(2022, r.ReportYear);
        Assert.Equal(new DateOnly(2023, 3, 15), r.PublishDate);
        Assert.True(r.IsAnnualReport);
        Assert.StartsWith("重庆市江津区夏坝镇关于2022年度法治政府建设工作情况的报告\n2022年,在区委、区政府的坚强领导下", r.Text);
        Assert.EndsWith("建立完善的行政效能体制。\n重庆市江津区夏坝镇人民政府\n2023年2月24日", r.Text);
        Assert.DoesNotContain("发布日期", r.Text);
        AssertNoChrome(r);
        AssertSections(r,
            ("一、主要举措和成效", SectionKinds.Achievements),
            ("二、存在的主要问题", SectionKinds.Problems),
            ("三、2023年工作思路和打算", SectionKinds.NextYearPlan));
        Assert.Contains("《法治社会建设实施纲要（2020－2025年）》", r.CitedLaws);
        Assert.Contains("《信访工作条例》", r.CitedLaws);
        Assert.Contains("《重大行政决策程序暂行条例》", r.CitedLaws);
        Assert.Equal(["津府发〔2022〕80号"], r.DocNumbers);
    }

    [Fact]
    public void HeaderlessTownshipReportResolvesRegionFromBodyClues()
    {
        var r = Extract("001_e2bbb0a062381183");

        Assert.True(r.TitleDerived);
        Assert.Equal("广东省韶关市武江区西联镇2024年度法治政府建设情况报告", r.Title);
        Assert.Equal(new Region("广东省", "44", "韶关市", "4402", "武江区", "440203", "西联镇", "440203100"), r.Region);
        Assert.NotEqual(RegionConfidences.High, r.RegionConfidence);
        Assert.Equal(ReportLevels.Township, r.Level);
        Assert.Null(r.Department);
        Assert.Equal("武江区西联镇人民政府", r.Issuer);
        Assert.Equal(2024, r.ReportYear);
        Assert.Null(r.PublishDate);
        Assert.True(r.IsAnnualReport);
        Assert.StartsWith("2024年,在区委、区政府的正确领导下,我镇始终坚持", r.Text);
        Assert.EndsWith("确保群众知情权、参与权、监督权落到实处,做到信息公开透明。", r.Text);
        AssertSections(r,
            ("一、深入学习贯彻习近平总书记重要讲话重要指示精神,深入贯彻落实党的二十大关于法治建设重大部署的情况", SectionKinds.Achievements),
            ("二、深入学习宣传贯彻习近平法治思想的情况、紧密围绕省委“1310”具体部署推动法治广东建设的具体举措", SectionKinds.Achievements),
            ("三、2024年度党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况", SectionKinds.LeaderDuties),
            ("四、2024年推进法治政府建设的主要举措和成效、贯彻落实《法治政府建设实施纲要(2021-2025年)》《广东省法治政府建设实施纲要》的情况,以及落实2024年全面依法治省工作要点、法治政府建设工作要点相关安排的情况", SectionKinds.Achievements),
            ("五、2024年推进法治政府建设存在的不足和原因", SectionKinds.Problems),
            ("六、下一年度推进法治政府建设的主要安排", SectionKinds.NextYearPlan));
        // 《中华人民共和国民法典》 in the body is the same law as 《民法典》.
        Assert.Contains("《民法典》", r.CitedLaws);
        Assert.Contains("《法治政府建设实施纲要（2021－2025年）》", r.CitedLaws);
        Assert.Contains("《广东省法治政府建设实施纲要》", r.CitedLaws);
        Assert.Empty(r.DocNumbers);
    }

    [Fact]
    public void AmbiguousTownshipNameIsSettledByTheCountyInTheIssuerLine()
    {
        var r = Extract("002_621cb3420cf20d40");

        Assert.Equal("双龙镇2020年法治政府建设情况报告", r.Title);
        Assert.False(r.TitleDerived);
        Assert.Equal(new Region("重庆市", "50", null, null, "丰都县", "500230", "双龙镇", "500230124"), r.Region);
        Assert.Equal(RegionConfidences.High, r.RegionConfidence);
        Assert.Equal(ReportLevels.Township, r.Level);
        Assert.Null(r.Department);
        Assert.Equal("丰都县双龙镇人民政府", r.Issuer);
        Assert.Equal(2020, r.ReportYear);
        Assert.Null(r.PublishDate);
        Assert.True(r.IsAnnualReport);
        Assert.StartsWith("双龙镇2020年法治政府建设情况报告\n2020年，双龙镇全面贯彻党的十九大", r.Text);
        Assert.EndsWith("积极强化法治意识、责任意识、服务意识，提升依法行政能力。", r.Text);
        AssertSections(r,
            ("一、基本情况", SectionKinds.Other),
            ("二、加强组织领导", SectionKinds.Achievements),
            ("三、依法全面履行政府职能", SectionKinds.Achievements),
            ("四、推进行政决策科学化、民主化、法治化", SectionKinds.Achievements),
            ("五、依法有效化解社会矛盾纠纷", SectionKinds.Achievements),
            ("六、法治政府建设工作主要成效", SectionKinds.Achievements),
            ("七、存在的问题", SectionKinds.Problems),
            ("八、2021年工作思路", SectionKinds.NextYearPlan));
        Assert.Contains("《宪法》", r.CitedLaws);
        Assert.Contains("《人民调解法》", r.CitedLaws);
        Assert.Contains("《法治政府建设实施纲要（2015－2020年）》", r.CitedLaws);
        Assert.DoesNotContain("《中华人民共和国宪法》", r.CitedLaws);
        Assert.Equal(["渝委发〔2016〕27号", "丰委发〔2017〕12号"], r.DocNumbers);
    }

    [Fact]
    public void NavHeavyCountySitePageKeepsOnlyTheReportAndItsDate()
    {
        var r = Extract("003_257872858a488183");

        Assert.Equal("关于太霞乡2022年度法治政府建设工作的报告", r.Title);
        Assert.False(r.TitleDerived);
        Assert.Equal(new Region("四川省", "51", "南充市", "5113", "南部县", "511321", "太霞乡", "511321243"), r.Region);
        Assert.Equal(RegionConfidences.High, r.RegionConfidence);
        Assert.Equal(ReportLevels.Township, r.Level);
        Assert.Null(r.Department);
        Assert.Equal("南部县太霞乡人民政府", r.Issuer);
        Assert.Equal(2022, r.ReportYear);
        Assert.Equal(new DateOnly(2023, 2, 10), r.PublishDate);
        Assert.True(r.IsAnnualReport);
        Assert.StartsWith("关于太霞乡2022年度法治政府建设工作的报告\n2022年,为贯彻落实党的二十大精神", r.Text);
        Assert.EndsWith("构建内顺外畅、横向覆盖、纵向分层、前后衔接的政务服务体系,提升政府行政效能和服务水平。", r.Text);
        Assert.DoesNotContain("时间: 2023-02-10", r.Text);
        Assert.DoesNotContain("门户网站提醒", r.Text);
        AssertNoChrome(r);
        AssertSections(r,
            ("一、依法行政和法治政府建设工作举措及成效", SectionKinds.Achievements),
            ("二、目前存在的问题和不足", SectionKinds.Problems),
            ("、下一步工作思路", SectionKinds.NextYearPlan));
        Assert.Contains("《四川省法制宣传教育条例》", r.CitedLaws);
        Assert.Contains("《宪法》", r.CitedLaws);
        Assert.Contains("《杜绝不良行为，预防违法犯罪》", r.CitedLaws);
        Assert.Empty(r.DocNumbers);
    }

    [Fact]
    public void DisclosureTableCountyReportTakesPublishDateFromTheTable()
    {
        var r = Extract("004_5e5afbf0e11d742a");

        Assert.Equal("开州区2022年度法治政府建设情况", r.Title);
        Assert.False(r.TitleDerived);
        Assert.Equal(new Region("重庆市", "50", null, null, "开州区", "500154"), r.Region);
        Assert.Equal(RegionConfidences.High, r.RegionConfidence);
        Assert.Equal(ReportLevels.County, r.Level);
        Assert.Null(r.Department);
        Assert.Equal("重庆市开州区人民政府", r.Issuer);
        Assert.Equal(2022, r.ReportYear);
        Assert.Equal(new DateOnly(2023, 3, 13), r.PublishDate);
        Assert.True(r.IsAnnualReport);
        // The page repeats the title; the report shows it once.
        Assert.StartsWith("开州区2022年度法治政府建设情况\n一、开展的主要工作及取得的成效\n2022年,全区各级各部门", r.Text);
        Assert.EndsWith("将“金开法务”作为法治政府示范创建项目,做好包装打造,积极向上申报。", r.Text);
        AssertNoChrome(r);
        AssertSections(r,
            ("一、开展的主要工作及取得的成效", SectionKinds.Achievements),
            ("二、存在的主要问题", SectionKinds.Problems),
            ("三、2023年主要工作思路", SectionKinds.NextYearPlan));
        Assert.Contains("《重大行政决策程序暂行条例》", r.CitedLaws);
        Assert.Contains("《法治政府建设实施纲要（2021－2025）》", r.CitedLaws);
        Assert.Contains("《中国共产党政法工作条例》", r.CitedLaws);
        Assert.Empty(r.DocNumbers);
    }
}
