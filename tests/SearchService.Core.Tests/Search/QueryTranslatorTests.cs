using CsCheck;
using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Indexing;

namespace SearchService.Search;

public sealed class QueryTranslatorTests : IDisposable
{
    // Sentences from the seeds and their neighbours; the comments say what each one holds.
    private readonly TestIndex _index = new TestIndex()
        .Add("rule-of-law-government", "坚持以习近平法治思想为指导，推进法治政府建设。")  // 法治 as a word
        .Add("rule-by-law", "坚持依法治国，依法行政。")                                   // 法治 only across 依法|治国
        .Add("review-case", "全年办理行政复议案件3件。")                                    // 行政复议 whole, split 行政|复|议案 by the dictionary
        .Add("review-apart", "行政机关负责人出庭应诉，复议机关依法审查。")                   // 行政 and 复议 apart
        .Add("counsel", "实现一村(社区)一法律顾问全覆盖。", title: "夏坝镇2022年度法治政府建设工作情况的报告")
        .Add("township", "双龙镇全面贯彻党的十九大精神。")
        .Add("quoted", "开展“八五”普法活动，行政、复议工作有序。")                   // quotes inside, 行政 and 复议 split by 、
        .Add("traditional", "全年辦理行政復議案件。")                                   // written in traditional characters
        .Refresh();

    public void Dispose() => _index.Dispose();

    [Fact]
    public void TermMatchesEveryReportContainingItsCharactersWhateverTheSegmenterDid()
    {
        var hits = _index.Ids("法治");

        Assert.Equal(["counsel", "rule-by-law", "rule-of-law-government"], hits.Order());
    }

    [Fact]
    public void WholeWordMatchRanksAboveSubstringOnlyMatch()
    {
        var hits = _index.Ids("body:法治");

        Assert.Equal(["rule-of-law-government", "rule-by-law"], hits);
    }

    [Fact]
    public void TermSplitByTheDictionaryStillMatchesAndItsWordsApartDoNot()
    {
        Assert.Equal(["review-case", "traditional"], _index.Ids("行政复议").Order());
    }

    [Fact]
    public void QuotationMarksInTheTextDoNotHideATerm()
    {
        Assert.Equal(["quoted"], _index.Ids("八五普法"));
        Assert.Equal(["quoted"], _index.Ids("\"“八五”普法\""));
    }

    [Fact]
    public void TraditionalQueryFindsSimplifiedTextAndTheReverse()
    {
        Assert.Equal(["review-case", "traditional"], _index.Ids("行政復議").Order());
        Assert.Equal(["review-case", "traditional"], _index.Ids("全年办理").Order());
    }

    [Fact]
    public void SingleCharacterFindsEveryReportThatHasIt()
    {
        Assert.Equal(["counsel", "township"], _index.Ids("镇").Order());
        Assert.Equal(["quoted"], _index.Ids("序"));
    }

    [Fact]
    public void ALoneCharacterBesideANumberMatchesWhereItBeginsOrEndsARunOfCharacters()
    {
        using var index = new TestIndex()
            .Add("report-year", "2022年度法治政府建设情况")
            .Add("year-end", "截至2022年，全面推进依法行政")
            .Add("other-year", "2021年度法治政府建设情况")
            .Add("not-adjacent", "2022全年办理行政复议案件")
            .Refresh();

        Assert.Equal(["report-year", "year-end"], index.Ids("body:2022年").Order());
        Assert.Equal(["not-adjacent"], index.Ids("body:2022全年"));
    }

    [Fact]
    public void SpaceSeparatedTermsMustAllMatch()
    {
        Assert.Equal(["rule-by-law"], _index.Ids("依法 治国"));
    }

    [Fact]
    public void OrNotAndExclusionCombineTerms()
    {
        Assert.Equal(["review-apart", "review-case", "traditional"], _index.Ids("行政复议 OR 出庭应诉").Order());
        Assert.Equal(["rule-by-law"], _index.Ids("法治 -法治政府 -法律顾问"));
        Assert.Equal(["rule-by-law"], _index.Ids("法治 NOT (政府 OR 顾问)"));
    }

    [Fact]
    public void PhraseMatchesOnlyTheExactSequenceAndSpacesBetweenHanAreIgnored()
    {
        Assert.Equal(["counsel"], _index.Ids("\"一法律顾问\""));
        Assert.Equal(["counsel"], _index.Ids("\"法律 顾问\""));
        Assert.Empty(_index.Ids("\"顾问法律\""));
    }

    [Fact]
    public void TitleScopeSearchesTitlesOnly()
    {
        Assert.Equal(["counsel"], _index.Ids("title:夏坝镇"));
        Assert.Empty(_index.Ids("title:双龙镇"));
    }

    [Fact]
    public void FullWidthAndHalfWidthFormsAreOne()
    {
        var index = new TestIndex().Add("digits", "共开展２０２２年度培训").Refresh();
        using (index)
        {
            Assert.Equal(["digits"], index.Ids("2022年度"));
        }
    }

    [Fact]
    public void LongTermIsMatchedExactlyWhenAReportHoldsIt()
    {
        using var index = new TestIndex()
            .Add("cites", "根据《安徽省2020年法治政府建设工作要点》，分解任务。")
            .Add("words", "安徽省在2020年推进法治政府建设，明确工作要点。")
            .Refresh();

        var result = index.Search("安徽省2020年法治政府建设工作要点");

        Assert.Equal(["cites"], result.Hits.Select(h => h.Report.Id));
        Assert.False(result.Relaxed);
    }

    [Fact]
    public void SentenceNoReportHoldsFallsBackToMostOfItsWords()
    {
        using var index = new TestIndex()
            .Add("practice", "建立府院联动机制，推动行政争议实质性化解，行政诉讼败诉率下降。")
            .Add("unrelated", "开展禁毒宣传活动。")
            .Refresh();

        var result = index.Search("如何通过府院联动机制推动行政争议实质性化解并降低败诉率");

        Assert.Equal(["practice"], result.Hits.Select(h => h.Report.Id));
        Assert.True(result.Relaxed);
    }

    [Fact]
    public void ReportIsFoundByItsResolvedPlaceWhenItsTextSaysOnlyOurTownship()
    {
        using var index = new TestIndex()
            .Add("dingzhai", "我乡全面推进依法行政。", region: new Extraction.Region("浙江省", "33", "绍兴市", "3306", "上虞区", "330604", "丁宅乡", "330604202"))
            .Refresh();

        Assert.Equal(["dingzhai"], index.Ids("丁宅乡"));
        Assert.Empty(index.Ids("body:丁宅乡"));
    }

    [Fact]
    public void AFourCharacterTermIsOneFourGramInTheBodyAndLongerOnesAreTrigramPhrases()
    {
        using var translator = new QueryTranslator(Synonyms.Load());

        // Matching is the same either way (the test below); reading no positions for the commonest term length is the point.
        Assert.Equal([new Term(ReportFields.BodyFourGrams, "行政复议")], BodyTerms(translator, "行政復議"));
        Assert.Equal([new Term(ReportFields.BodyTrigrams, "行政复"), new Term(ReportFields.BodyTrigrams, "复议法")], BodyTerms(translator, "行政复议法"));
        Assert.Equal([new Term(ReportFields.BodyFourGrams, "八五普法")], BodyTerms(translator, "“八五”普法"));

        static Term[] BodyTerms(QueryTranslator translator, string text)
        {
            Assert.True(translator.TryParse("body:" + text, variants: false, out var parsed, out _));
            var body = Assert.Single(((BooleanQuery)parsed.Terms.Single().Forms.Single().Substring).Clauses).Query;
            return body switch
            {
                TermQuery term => [term.Term],
                PhraseQuery phrase => phrase.GetTerms(),
                var other => throw new Xunit.Sdk.XunitException($"unexpected body query {other}"),
            };
        }
    }

    [Fact]
    public void EveryTermMatchesExactlyTheReportsHoldingItAcrossQuotesButNotAcrossPunctuation()
    {
        // Few characters, so terms of every length occur, straddle quotes, commas, Latin and digits, or just miss.
        string[] alphabet = ["甲", "乙", "丙", "丁", "甲", "乙", "“", "”", "，", " ", "A", "7"];
        var text = Gen.Int[0, alphabet.Length - 1].Select(i => alphabet[i]).Array[0, 40].Select(string.Concat);
        var term = Gen.Int[0, 3].Select(i => "甲乙丙丁"[i]).Array[1, 7].Select(c => new string(c));
        Gen.Select(text.Array[12], term.Array[15]).Sample((texts, terms) =>
        {
            using var index = new TestIndex();
            for (var i = 0; i < texts.Length; i++)
            {
                index.Add($"r{i:00}", texts[i]);
            }

            index.Refresh();
            foreach (var t in terms.Concat(texts.Select(RunIn)).Where(t => t.Length > 0))
            {
                var expected = Enumerable.Range(0, texts.Length)
                    .Where(i => texts[i].Replace("“", "").Replace("”", "").Contains(t, StringComparison.Ordinal))
                    .Select(i => $"r{i:00}");
                Assert.Equal(expected, index.Ids("body:" + t).Order());
            }
        }, iter: 40);

        // The longest stretch of the text's first run of CJK characters (quotes inside it dropped).
        static string RunIn(string text) =>
            new(text.Replace("“", "").Replace("”", "").SkipWhile(c => c is '，' or ' ' or 'A' or '7').TakeWhile(c => c is not ('，' or ' ' or 'A' or '7')).ToArray());
    }

    [Theory]
    [InlineData("\"未闭合", "unclosed quote")]
    [InlineData("(法治 OR 政府", "unbalanced parentheses")]
    [InlineData("法*治", "wildcards are not supported")]
    [InlineData("foo:法治", "unknown field 'foo'")]
    public void UnreadableQueryIsReportedWithWhatIsWrong(string query, string expected)
    {
        var ok = _index.Searcher.TryReadQuery(query, out _, out var error);

        Assert.False(ok);
        Assert.Contains(expected, error);
    }
}
