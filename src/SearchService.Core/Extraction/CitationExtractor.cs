using System.Text;
using System.Text.RegularExpressions;

namespace SearchService.Extraction;

/// <summary>Cited 《…》 titles, normalized so one law has one form, and document numbers (津府发〔2022〕80号).</summary>
internal static partial class CitationExtractor
{
    public static IReadOnlyList<string> Laws(string text)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in BookTitle().Matches(text))
        {
            var law = NormalizeLaw(m.Groups[1].Value);
            if (seen.Add(law))
            {
                result.Add(law);
            }
        }
        return result;
    }

    /// <summary>
    /// 《中华人民共和国行政复议法》 and 《行政复议法》 are one law: the national prefix is dropped, and brackets and dashes
    /// take their full-width forms, so half-width web copies match the original.
    /// </summary>
    internal static string NormalizeLaw(string inner)
    {
        var s = inner.Trim();
        if (s.StartsWith("中华人民共和国", StringComparison.Ordinal) && s.Length >= 9)
        {
            s = s[7..];
        }
        var sb = new StringBuilder(s.Length + 2).Append('《');
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '(' => '（',
                ')' => '）',
                ',' => '，',
                ':' => '：',
                ';' => '；',
                '-' or '—' or '–' or '~' or '～' => '－',
                ' ' or '\u3000' => '\0',
                _ => c,
            });
        }
        sb.Replace("\0", "").Append('》');
        return sb.ToString();
    }

    public static IReadOnlyList<string> DocNumbers(string text)
    {
        var result = new List<string>();
        // The regex anchors on the bracketed year, which is rare; the issuing prefix is then read backwards.
        foreach (Match m in DocNumber().Matches(text))
        {
            var runStart = m.Index;
            while (runStart > 0 && m.Index - runStart < 8 && IsHan(text[runStart - 1]))
            {
                runStart--;
            }
            if (runStart == m.Index)
            {
                continue;
            }
            var number = $"{IssuerPrefix(text.AsSpan(runStart, m.Index - runStart))}〔{m.Groups["year"].Value}〕{m.Groups["n"].Value}号";
            if (!result.Contains(number))
            {
                result.Add(number);
            }
        }
        return result;
    }

    private static readonly string[] LeadWords = ["根据", "按照", "依据", "依照", "印发", "转发", "下发", "文件", "精神", "的", "和", "及", "与", "即"];

    /// <summary>The issuing prefix is the run of characters before the bracket, minus a leading 根据/印发/的 ….</summary>
    private static ReadOnlySpan<char> IssuerPrefix(ReadOnlySpan<char> run)
    {
        var cut = 0;
        foreach (var word in LeadWords)
        {
            var at = run[..^1].LastIndexOf(word);
            if (at >= 0)
            {
                cut = Math.Max(cut, at + word.Length);
            }
        }
        return run[cut..];
    }

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';

    [GeneratedRegex(@"《([^《》\n]{2,60})》")]
    private static partial Regex BookTitle();

    [GeneratedRegex(@"[〔\[［【(（]\s*(?<year>(?:19|20)\d{2})\s*[〕\]］】)）]\s*(?<n>\d{1,4})\s*号")]
    private static partial Regex DocNumber();
}
