namespace SearchService.Search;

/// <summary>Turns the parser's message into one a researcher can act on.</summary>
internal static class QuerySyntaxError
{
    public static string Describe(string query, string parserMessage)
    {
        if (query.Count(c => c == '"') % 2 == 1)
        {
            return $"引号未闭合 / unclosed quote at position {query.IndexOf('"')}: close the phrase with a second \" or remove it";
        }

        var depth = 0;
        foreach (var c in query)
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0)
            {
                break;
            }
        }

        if (depth != 0)
        {
            return "括号不匹配 / unbalanced parentheses: every ( needs a matching )";
        }

        if (parserMessage.StartsWith("未知字段", StringComparison.Ordinal) || parserMessage.Contains(" / ", StringComparison.Ordinal))
        {
            return parserMessage;
        }

        return $"无法解析查询 / the query cannot be read: {FirstLine(parserMessage)}. Special characters (+ - ! ( ) {{ }} [ ] ^ \" ~ * ? : \\ /) must be quoted or escaped with \\";
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}
