using System.Text;
using System.Text.Unicode;

namespace SearchService.Extraction;

/// <summary>Turns raw bytes into text: UTF-16 when a BOM says so, UTF-8 (with or without BOM) when the bytes are valid
/// UTF-8, else GB18030, which also covers GBK and GB2312 pages whatever charset they declare.</summary>
internal static class ReportDecoder
{
    private static readonly Encoding Gb18030;

    static ReportDecoder()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Gb18030 = Encoding.GetEncoding("GB18030");
    }

    public static string Decode(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("\xEF\xBB\xBF"u8))
        {
            content = content[3..];
        }
        else if (content.StartsWith([(byte)0xFF, (byte)0xFE]) || content.StartsWith([(byte)0xFE, (byte)0xFF]))
        {
            // A page saved by a Windows editor: UTF-16 with its byte-order mark.
            return (content[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode).GetString(content[2..]);
        }
        // Valid UTF-8 is near-impossible by chance for GB-encoded Chinese, so validity decides before any declaration.
        return Utf8.IsValid(content) ? Encoding.UTF8.GetString(content) : Gb18030.GetString(content);
    }

    /// <summary>HTML when the name says so or the text opens with markup.</summary>
    public static bool LooksLikeHtml(string fileName, string text)
    {
        if (fileName.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".htm", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        var head = text.AsSpan(0, Math.Min(text.Length, 512)).TrimStart();
        return head.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }
}
