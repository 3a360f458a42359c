using System.Net;
using System.Text.RegularExpressions;
using CsCheck;
using Lucene.Net.Index;
using SearchService.Indexing;

namespace SearchService.Search;

public sealed partial class SnippetHighlighterTests
{
    [Fact]
    public void SnippetIsTheSentenceHoldingTheMatchWithEveryOccurrenceMarked()
    {
        using var index = new TestIndex()
            .Add("counsel", "镇党委召开会议。进一步完善政府法律顾问制度，每年聘请1名律师作为政府法律顾问。做好信访工作。")
            .Refresh();

        var snippets = index.Search("法律顾问").Hits.Single().Snippets;

        Assert.Equal(["进一步完善政府<em>法律顾问</em>制度，每年聘请1名律师作为政府<em>法律顾问</em>。"], snippets);
    }

    [Fact]
    public void AdjacentMatchesOfTwoTermsMergeIntoOneMark()
    {
        using var index = new TestIndex().Add("counsel", "实现一村一法律顾问全覆盖。").Refresh();

        var snippets = index.Search("法律 顾问").Hits.Single().Snippets;

        Assert.Equal(["实现一村一<em>法律顾问</em>全覆盖。"], snippets);
    }

    [Fact]
    public void TermsNearEachOtherAreMarkedWholeAndTheirFirstCharactersNowhereElse()
    {
        using var index = new TestIndex().Add("doc", "完善法律援助制度。聘请法律顾问开展合法性审查。").Refresh();

        var snippets = index.Search("法律顾问 合法性审查", new SearchRequest { SnippetCount = 2 }).Hits.Single().Snippets;

        Assert.Equal(["聘请<em>法律顾问</em>开展<em>合法性审查</em>。"], snippets);
    }

    [Fact]
    public void ALoneCharacterIsMarkedInsideRunsAndAtTheirEdgesInEitherScriptAndNothingMore()
    {
        using var index = new TestIndex().Add("township", "乡镇政府召开会议，全鎮推进依法行政，镇").Refresh();

        var snippets = index.Search("镇", new SearchRequest { SnippetCount = 1, SnippetLength = 200 }).Hits.Single().Snippets;

        Assert.Equal(["乡<em>镇</em>政府召开会议，全<em>鎮</em>推进依法行政，<em>镇</em>"], snippets);
    }

    [Fact]
    public void PhraseIsMarkedOnlyWhereItOccursWhole()
    {
        using var index = new TestIndex().Add("counsel", "提供法律服务和顾问咨询，法律顾问全覆盖。").Refresh();

        var snippets = index.Search("\"法律顾问\"").Hits.Single().Snippets;

        Assert.Equal(["提供法律服务和顾问咨询，<em>法律顾问</em>全覆盖。"], snippets);
    }

    [Fact]
    public void ExcludedTermsAreNotMarked()
    {
        using var index = new TestIndex().Add("doc", "开展禁毒宣传和法治宣传。").Refresh();

        var snippets = index.Search("法治 -扫黑").Hits.Single().Snippets;

        Assert.Equal(["开展禁毒宣传和<em>法治</em>宣传。"], snippets);
    }

    [Fact]
    public void LongSentenceIsCutAroundTheMatchWithEllipses()
    {
        var text = new string('甲', 150) + "法治" + new string('乙', 150) + "。";
        using var index = new TestIndex().Add("long", text).Refresh();

        var snippet = index.Search("法治", new SearchRequest { SnippetLength = 40 }).Hits.Single().Snippets.Single();

        Assert.Equal("…" + new string('甲', 12) + "<em>法治</em>" + new string('乙', 26) + "…", snippet);
    }

    [Fact]
    public void TextIsHtmlEscapedAroundTheMarks()
    {
        using var index = new TestIndex().Add("html", "标签<b>法治</b>&测试。").Refresh();

        var snippet = index.Search("法治", new SearchRequest { HighlightTag = "mark" }).Hits.Single().Snippets.Single();

        Assert.Equal("标签&lt;b&gt;<mark>法治</mark>&lt;/b&gt;&amp;测试。", snippet);
    }

    [Fact]
    public void ChoosesPassagesWithMoreDistinctTermsAndReturnsThemInTextOrder()
    {
        using var index = new TestIndex()
            .Add("doc", "第一句讲禁毒。第二句讲禁毒和法治。第三句讲法治。第四句讲禁毒与法治宣传。")
            .Refresh();

        var snippets = index.Search("禁毒 法治", new SearchRequest { SnippetCount = 2 }).Hits.Single().Snippets;

        Assert.Equal(["第二句讲<em>禁毒</em>和<em>法治</em>。", "第四句讲<em>禁毒</em>与<em>法治</em>宣传。"], snippets);
    }

    [Fact]
    public void ReportWithoutBodyMatchBeginsWithItsOpening()
    {
        using var index = new TestIndex().Add("doc", "全镇推进依法行政。加强队伍建设。", title: "双龙镇法治政府建设报告").Refresh();

        var snippets = index.Search("双龙镇").Hits.Single().Snippets;

        Assert.Equal(["全镇推进依法行政。"], snippets);
    }

    [Fact]
    public void RenderedSnippetsAreBalancedFaithfulToTheTextAndMarkOnlyTheTerm()
    {
        // Whole characters, one outside the BMP among them (a surrogate pair that must never be cut).
        string[] alphabet = ["法", "治", "政", "府", "顾", "问", "，", "。", "！", "\n", " ", "<", "&", "乡", "镇", "𠀋"];
        var character = Gen.Int[0, alphabet.Length - 1].Select(i => alphabet[i]);
        var cases = Gen.Select(character.Array[0, 300], Gen.Int[1, 3], Gen.Int[10, 80], Gen.Int[1, 4]);

        cases.Sample((characters, termLength, length, count) =>
        {
            var text = string.Concat(characters);
            var term = "法治政府顾问"[..(termLength + 1)];
            var spans = Occurrences(text, term);

            var snippets = SnippetHighlighter.Snippets(text, SnippetHighlighter.Merge(spans), count, length, "em");

            var flat = Regex.Replace(text, @"\s+", " ");
            foreach (var snippet in snippets)
            {
                Assert.True(Balanced(snippet), snippet);
                var plain = WebUtility.HtmlDecode(MarkTag().Replace(snippet, "")).Trim('…');
                Assert.Contains(plain, flat);
                Assert.All(MarkedText().Matches(snippet), m => Assert.Matches($"^({Regex.Escape(term)})+$", WebUtility.HtmlDecode(m.Groups[1].Value)));
                Assert.False(plain.Length > 0 && (char.IsHighSurrogate(plain[^1]) || char.IsLowSurrogate(plain[0])), "a character was cut");
            }
        });
    }

    [Fact]
    public void SpansOfHitsInAnyOrderAreEveryOccurrenceOfTheTermInEachReport()
    {
        // Few characters, so terms occur several times, overlap themselves (甲甲甲) or just miss.
        var text = Gen.Int[0, 4].Select(i => "甲乙丙丁，"[i]).Array[0, 40].Select(c => new string(c));
        var term = Gen.Int[0, 3].Select(i => "甲乙丙丁"[i]).Array[1, 5].Select(c => new string(c));
        Gen.Select(text.Array[10], term.Array[6]).Sample((texts, terms) =>
        {
            using var index = TestIndex.InTwoSegments(texts);
            index.Index.Read(searcher =>
            {
                var reader = searcher.IndexReader;
                var descending = Enumerable.Range(0, reader.MaxDoc).Reverse().ToArray();
                foreach (var t in terms)
                {
                    Assert.True(index.Searcher.TryReadQuery($"\"{t}\"", out var query, out _));
                    var groups = SnippetHighlighter.GroupsOf(query.Query);
                    var batch = SnippetHighlighter.FindSpans(reader, descending, groups);
                    var segments = reader.Leaves.ToDictionary(l => l.Ord, l => new SegmentSpans(l.AtomicReader, groups));
                    for (var i = 0; i < descending.Length; i++)
                    {
                        var leaf = reader.Leaves[ReaderUtil.SubIndex(descending[i], reader.Leaves)];
                        var body = ReportDocument.ReadText(leaf.AtomicReader, descending[i] - leaf.DocBase).ToString();
                        var expected = SnippetHighlighter.Merge(Occurrences(body, t)).Select(s => (s.Start, s.End));
                        Assert.Equal(expected, batch[i].Select(s => (s.Start, s.End)));
                        Assert.Equal(expected, segments[leaf.Ord].Of(descending[i] - leaf.DocBase).Select(s => (s.Start, s.End)));
                    }
                }

                return 0;
            });
        }, iter: 30);
    }

    private static List<MatchSpan> Occurrences(string text, string term)
    {
        var spans = new List<MatchSpan>();
        for (var i = text.IndexOf(term, StringComparison.Ordinal); i >= 0; i = text.IndexOf(term, i + 1, StringComparison.Ordinal))
        {
            spans.Add(new MatchSpan(i, i + term.Length, 1));
        }

        return spans;
    }

    private static bool Balanced(string snippet)
    {
        var open = false;
        foreach (Match tag in MarkTag().Matches(snippet))
        {
            var closing = tag.Value.StartsWith("</", StringComparison.Ordinal);
            if (closing != open)
            {
                return false;
            }

            open = !closing;
        }

        return !open;
    }

    [GeneratedRegex("</?em>")]
    private static partial Regex MarkTag();

    [GeneratedRegex("<em>(.*?)</em>")]
    private static partial Regex MarkedText();
}
