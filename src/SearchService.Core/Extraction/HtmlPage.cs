using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SearchService.Extraction;

/// <summary>
/// Reduces a government web page to the lines the text path understands: the article title, the info line
/// (dates, publisher) and the article body; the rest of the page (site name, footer) is kept apart as evidence only.
/// </summary>
internal static class HtmlPage
{
    private static readonly string[] ArticleSelectors =
        ["#zoom", "#Zoom", ".article-content", ".article_content", ".TRS_Editor", ".TRS_UEDITOR", "#UCAP-CONTENT", ".pages_content",
         ".view", "#content", ".content", "article"];

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "ul", "ol", "dd", "dt",
    };

    /// <summary>Page text lines (title, info, article) plus the page chrome as a separate evidence string.</summary>
    public static (string Text, string Chrome, string? PubDate) Read(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var article = FindArticle(document);
        var sb = new StringBuilder(html.Length / 2);

        // The CMS's ArticleTitle meta is the article's own title; an h1 may be the site's logo, so it comes second; the
        // page <title> ("标题_站点名") only when its first part names a year, as report titles do and column names do not.
        var metas = Metas(document);
        var title = metas.GetValueOrDefault("articletitle");
        if (string.IsNullOrWhiteSpace(title))
        {
            title = document.QuerySelector(".article-title, .article h1, h1")?.TextContent.Trim();
        }
        if (string.IsNullOrWhiteSpace(title))
        {
            var pageTitle = document.Title?.Split('_', '|', '－')[0].Trim();
            title = pageTitle is not null && pageTitle.Contains("20", StringComparison.Ordinal) ? pageTitle : null;
        }
        if (!string.IsNullOrEmpty(title))
        {
            sb.Append(title).Append('\n');
        }
        if (document.QuerySelector(".info, .article-info, .pages-date, .detail-info") is { } info)
        {
            // Info items are inline spans: one line each, so every "发布日期：…" stays a line of its own.
            if (info.ChildElementCount == 0)
            {
                sb.Append(info.TextContent).Append('\n');
            }
            foreach (var item in info.Children)
            {
                sb.Append(item.TextContent).Append('\n');
            }
        }
        AppendLines(article ?? (IElement?)document.Body ?? document.DocumentElement, sb);

        var chrome = new StringBuilder();
        chrome.Append(document.Title).Append('\n').Append(metas.GetValueOrDefault("sitename")).Append('\n');
        foreach (var footer in document.QuerySelectorAll(".footer, .header, .logo"))
        {
            chrome.Append(footer.TextContent).Append('\n');
        }
        return (sb.ToString(), chrome.ToString(), metas.GetValueOrDefault("pubdate") ?? metas.GetValueOrDefault("publishdate"));
    }

    /// <summary>The page's named meta tags (ArticleTitle, PubDate, SiteName …), names lower-cased, in one pass.</summary>
    private static Dictionary<string, string> Metas(IDocument document)
    {
        var metas = new Dictionary<string, string>();
        foreach (var meta in document.GetElementsByTagName("meta"))
        {
            if (meta.GetAttribute("name") is { } name && meta.GetAttribute("content") is { } content)
            {
                metas.TryAdd(name.ToLowerInvariant(), content);
            }
        }
        return metas;
    }

    /// <summary>The known article containers first, else the element holding the most paragraph text.</summary>
    private static IElement? FindArticle(IDocument document)
    {
        foreach (var selector in ArticleSelectors)
        {
            if (document.QuerySelector(selector) is { } found && found.TextContent.Length > 200)
            {
                return found;
            }
        }
        IElement? best = null;
        var bestLength = 0;
        foreach (var p in document.QuerySelectorAll("p"))
        {
            if (p.ParentElement is not { } parent || parent == best)
            {
                continue;
            }
            var length = 0;
            foreach (var child in parent.Children)
            {
                if (child is IHtmlParagraphElement)
                {
                    length += child.TextContent.Length;
                }
            }
            if (length > bestLength)
            {
                (best, bestLength) = (parent, length);
            }
        }
        return best;
    }

    private static void AppendLines(INode node, StringBuilder sb)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    sb.Append(text.Data.Replace('\u00A0', ' '));
                    break;
                case IElement element when element.LocalName is "script" or "style" or "noscript":
                    break;
                case IElement element:
                    var block = BlockTags.Contains(element.LocalName);
                    if (block)
                    {
                        sb.Append('\n');
                    }
                    AppendLines(element, sb);
                    if (block)
                    {
                        sb.Append('\n');
                    }
                    break;
            }
        }
    }
}
