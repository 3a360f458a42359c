using SearchService.Analysis;

namespace SearchService.Search;

/// <summary>The curated list of equivalent terms and renamed places (Data/synonyms.txt), looked up by folded term.</summary>
public sealed class Synonyms
{
    private readonly Dictionary<string, string[]> _alternatives = new(StringComparer.Ordinal);

    public Synonyms(TextReader lines)
    {
        for (var line = lines.ReadLine(); line is not null; line = lines.ReadLine())
        {
            line = line.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var oneWay = line.Split("=>", StringSplitOptions.TrimEntries);
            if (oneWay.Length == 2)
            {
                Add(oneWay[0], [oneWay[1]]);
                continue;
            }

            var group = line.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var term in group)
            {
                Add(term, group.Where(t => t != term).ToArray());
            }
        }
    }

    /// <summary>The list shipped in the Core assembly.</summary>
    public static Synonyms Load()
    {
        using var stream = typeof(Synonyms).Assembly.GetManifestResourceStream("SearchService.Data.synonyms.txt")
            ?? throw new InvalidOperationException("the synonym list is missing from the assembly");
        using var reader = new StreamReader(stream);
        return new Synonyms(reader);
    }

    /// <summary>The other forms of <paramref name="term"/>, none when it has no entry.</summary>
    public IReadOnlyList<string> Of(string term) =>
        _alternatives.TryGetValue(CharacterFolding.Fold(term), out var found) ? found : [];

    private void Add(string term, string[] alternatives)
    {
        var key = CharacterFolding.Fold(term);
        _alternatives[key] = _alternatives.TryGetValue(key, out var known) ? known.Union(alternatives).ToArray() : alternatives;
    }
}
