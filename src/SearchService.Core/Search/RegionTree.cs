using SearchService.Extraction;

namespace SearchService.Search;

/// <summary>A division in the region facet: its code, official name, count, and its children when on the selected path.</summary>
public sealed record RegionNode(string Code, string Name, int Count, IReadOnlyList<RegionNode>? Children);

/// <summary>
/// Builds the hierarchical region facet from the counts of every division code: provinces at the top, and the
/// children of each selected division (and of its ancestors) below it, so a client can drill down
/// province → city → county → township.
/// </summary>
public static class RegionTree
{
    /// <param name="codeCounts">The count of every division code.</param>
    /// <param name="selected">The selected divisions: they and their ancestors show their children.</param>
    /// <param name="size">The most nodes returned on each level.</param>
    /// <param name="divisions">The division list, for names.</param>
    public static IReadOnlyList<RegionNode> Build(IReadOnlyList<FacetValue> codeCounts, IReadOnlyCollection<string> selected, int size, Divisions divisions)
    {
        var counts = codeCounts.ToDictionary(v => v.Value, v => v.Count, StringComparer.Ordinal);
        var children = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var roots = new List<string>();
        foreach (var code in counts.Keys)
        {
            if (ParentOf(code, counts) is { } parent)
            {
                (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(code);
            }
            else
            {
                roots.Add(code);
            }
        }

        // Every ancestor of a selected division is on the path too.
        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in selected)
        {
            for (var c = code; c is not null; c = ParentOf(c, counts))
            {
                open.Add(c);
            }
        }

        return Nodes(roots);

        List<RegionNode> Nodes(List<string> codes) => codes
            .OrderByDescending(c => counts[c]).ThenBy(c => c, StringComparer.Ordinal)
            .Take(size)
            .Select(c => new RegionNode(c, divisions.NameOf(c) ?? c, counts[c], open.Contains(c) && children.TryGetValue(c, out var below) ? Nodes(below) : null))
            .ToList();
    }

    /// <summary>The nearest shorter code present: a county under a municipality has the province as parent.</summary>
    private static string? ParentOf(string code, Dictionary<string, int> counts)
    {
        foreach (var length in new[] { 6, 4, 2 })
        {
            if (length < code.Length && counts.ContainsKey(code[..length]))
            {
                return code[..length];
            }
        }

        return null;
    }
}
