using CsCheck;
using ICU4N.Globalization;
using ICU4N.Text;

namespace SearchService.Analysis;

public sealed class ChineseWordTokenizerTests
{
    private readonly WordAnalyzer _analyzer = new();

    [Fact]
    public void SplitsSeedSentenceIntoDictionaryWordsWithExactOffsets()
    {
        // seed 003: "…实现一村(社区)一法律顾问全覆盖"; the brackets are punctuation and produce no token.
        TokenAssert.Produces(_analyzer, "实现一村(社区)一法律顾问全覆盖", offsetsCoverTerms: true,
            ("实现", 0, 2), ("一村", 2, 4), ("社区", 5, 7), ("一", 8, 9), ("法律", 9, 11), ("顾问", 11, 13), ("全", 13, 14), ("覆盖", 14, 16));
    }

    [Fact]
    public void SkipsQuotesAndKeepsOffsetsOfTheWordsBetweenThem()
    {
        // seed 000: 开展“八五”普法活动. The dictionary splits 八五 and 普法: matching must not depend on it.
        TokenAssert.Produces(_analyzer, "开展“八五”普法活动", offsetsCoverTerms: true,
            ("开展", 0, 2), ("八", 3, 4), ("五", 4, 5), ("普", 6, 7), ("法", 7, 8), ("活动", 8, 10));
    }

    [Fact]
    public void FoldsFullWidthLettersAndDigitsAndLowerCasesLatin()
    {
        TokenAssert.Produces(_analyzer, "ＡＢＣ１２３和2022年度", offsetsCoverTerms: true,
            ("abc123", 0, 6), ("和", 6, 7), ("2022", 7, 11), ("年度", 11, 13));
    }

    [Fact]
    public void ReadsLongTextWithoutCuttingWordsAtBufferEdges()
    {
        // 4,095 filler characters put 法治 across the 4 kB boundary of a chunked reader.
        var text = new string('，', 4095) + "法治";

        TokenAssert.Produces(_analyzer, text, offsetsCoverTerms: true, ("法治", 4095, 4097));
    }

    [Fact]
    public void TokenizesConcurrentlyWithoutSharingTheBreakIterator()
    {
        const string sentence = "坚持依法治国，建设法治社会";

        var results = Enumerable.Range(0, 8).AsParallel().Select(_ =>
        {
            using var analyzer = new WordAnalyzer();
            return string.Join('|', Enumerable.Range(0, 50).Select(_ => string.Join(' ', TokenAssert.Terms(analyzer, sentence))).Distinct());
        }).ToList();

        Assert.All(results, r => Assert.Equal("坚持 依法 治国 建设 法治 社会", r));
    }

    [Fact]
    public void FindsTheWordsOfIcusIteratorInTheSeedReports()
    {
        var texts = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds"), "*.txt").Select(File.ReadAllText).ToList();

        Assert.Equal(5, texts.Count);
        Assert.All(texts, text => Assert.Equal(IcuWords(text), TokenAssert.Tokens(_analyzer, text)));
    }

    [Fact]
    public void FindsTheWordsOfIcusIteratorInAnyMixOfHanKanaLettersDigitsAndPunctuation()
    {
        // Dictionary words, single Han, kana runs, a Kangxi radical and a compatibility ideograph (NFKC changes
        // both, so ICU reads their run), half-width katakana, digits, letters, full-width forms and separators.
        string[] pieces =
        [
            "法治", "政府", "行政复议", "一村一法律顾问", "积分制", "网格化", "的", "和", "在", "国", "乡", "镇",
            "カタカナ", "ア", "ー", "ひらがな", "の", "⼀", "⼈", "豈", "ｶﾞ", "ｷ", "2022", "１２", "3.5", "abc", "Ｗｏｒｄ",
            "x_y", "，", "。", "、", "“", "”", "《", "》", "(", ")", " ", "\n", "-", "%", "第", "条",
        ];
        var text = Gen.Int[0, pieces.Length - 1].Select(i => pieces[i]).Array[0, 40].Select(string.Concat);

        text.Sample(t => Assert.Equal(IcuWords(t), TokenAssert.Tokens(_analyzer, t)), iter: 500);
    }

    [Fact]
    public void ReadsACharacterBeyondTheBmpAsAWordWithoutShiftingTheWordsAfterIt()
    {
        // ICU's dictionary step counts 𠀀 (two UTF-16 units) as one and would cut 中|文法|治.
        TokenAssert.Produces(_analyzer, "𠀀中文法治", offsetsCoverTerms: true, ("𠀀", 0, 2), ("中文", 2, 4), ("法治", 4, 6));
    }

    [Fact]
    public void LeavesAJoinerAfterAWordOutOfTheWord()
    {
        // Scraped pages carry zero-width joiners; ICU would index 法治 + U+200D, which no query for 法治 finds.
        TokenAssert.Produces(_analyzer, "法治\u200D政府", offsetsCoverTerms: true, ("法治", 0, 2), ("政府", 3, 5));
    }

    /// <summary>The reference: ICU's word break iterator over the whole folded text, its rule status as the type.</summary>
    private static List<(string Term, int Start, int End, string Type)> IcuWords(string text)
    {
        var folded = CharacterFolding.Fold(text);
        var breaker = BreakIterator.GetWordInstance(new UCultureInfo("zh"));
        breaker.SetText(folded);
        var words = new List<(string, int, int, string)>();
        var start = breaker.First();
        for (var end = breaker.Next(); end != BreakIterator.Done; start = end, end = breaker.Next())
        {
            var status = breaker.RuleStatus;
            if (status != BreakIterator.WordNone)
            {
                words.Add((folded[start..end], start, end, status >= BreakIterator.WordIdeo ? "<IDEOGRAPHIC>"
                    : status >= BreakIterator.WordLetter ? "<ALPHANUM>" : "<NUM>"));
            }
        }

        return words;
    }
}
