using System.Text;

namespace SearchService.Benchmarks.E2e;

/// <summary>One line of queries.tsv and the search URL that asks the service the same thing.</summary>
internal sealed record BenchQuery(string Id, string Kind, string Text, string Filters)
{
    /// <summary>queries.tsv filter keys to the API's parameters; <c>year=A-B</c> is a range.</summary>
    private static readonly Dictionary<string, string> Parameters = new(StringComparer.Ordinal)
    {
        ["province"] = "province",
        ["city"] = "city",
        ["county"] = "county",
        ["township"] = "township",
        ["level"] = "level",
        ["year"] = "year",
        ["year_from"] = "yearFrom",
        ["year_to"] = "yearTo",
    };

    public string PathAndQuery { get; } = BuildPath(Text, Filters);

    public static IReadOnlyList<BenchQuery> Load(string tsv) =>
        File.ReadLines(tsv)
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Select(f => new BenchQuery(f[0], f[1], f.Length > 2 ? f[2] : "", f.Length > 3 ? f[3] : ""))
            .ToList();

    private static string BuildPath(string text, string filters)
    {
        var url = new StringBuilder("/api/search?pageSize=10&q=").Append(Uri.EscapeDataString(text));
        foreach (var pair in filters.Split([';', '&'], StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) switch
            {
                [var k, var v] => (k.Trim(), v.Trim()),
                _ => throw new FormatException($"filter '{pair}' is not key=value"),
            };
            if (!Parameters.TryGetValue(key, out var parameter))
            {
                throw new FormatException($"filter key '{key}' has no API parameter");
            }

            if (key == "year" && value.Split('-') is [var from, var to])
            {
                Append("yearFrom", from);
                Append("yearTo", to);
            }
            else
            {
                Append(parameter, value);
            }
        }

        return url.ToString();

        void Append(string name, string value) => url.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }
}
