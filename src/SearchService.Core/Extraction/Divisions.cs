using System.Reflection;

namespace SearchService.Extraction;

internal enum DivisionLevel : byte { Province = 1, City = 2, County = 3, Township = 4 }

/// <summary>One administrative division. <see cref="IsPseudo"/> marks list placeholders (市辖区, 省直辖县级行政区划,
/// a county row that merely repeats its city) that are not real units and stay out of a <see cref="Region"/>.</summary>
internal sealed record Division(int Id, string Code, string Name, DivisionLevel Level, int ParentId, bool IsPseudo);

/// <summary>
/// The national division list (province → city → county → township), loaded once from the embedded CSVs,
/// with a name index for finding division names in text.
/// </summary>
public sealed class Divisions
{
    private static readonly Lazy<Divisions> Shared = new(() => FromResources(typeof(Divisions).Assembly));

    private readonly Division[] _all;

    // Only the search service's facets and coverage look divisions up by code.
    private readonly Lazy<Dictionary<string, int>> _byCode;
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _byName;
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _weakByName;
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _cityAndCountyShortNames;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _provinceShortNames;
    // Longest name ending in each character (0: none), so the scan tries only lengths that can match.
    private readonly byte[] _maxLengthByLastChar = new byte[char.MaxValue + 1];

    private Divisions(List<Division> all)
    {
        _all = [.. all];
        _byCode = new(() => _all.Where(d => !d.IsPseudo).ToDictionary(d => d.Code, d => d.Id, StringComparer.Ordinal));
        var byName = new Dictionary<string, List<int>>();
        var weakByName = new Dictionary<string, List<int>>();
        var shortNames = new Dictionary<string, List<int>>();
        var provinceShortNames = new Dictionary<string, int>();
        foreach (var d in _all)
        {
            if (d.IsPseudo)
            {
                continue;
            }
            if (d.Level == DivisionLevel.Province)
            {
                provinceShortNames[ShortProvinceName(d.Name)] = d.Id;
            }
            else if (d.Level is DivisionLevel.City or DivisionLevel.County && ShortName(d.Name) is { } shortName)
            {
                AddTo(shortNames, shortName, d.Id);
            }
            if ((IsSearchableName(d) ? byName : IsTwoCharacterName(d) ? weakByName : null) is { } target)
            {
                AddTo(target, d.Name, d.Id);
                ref var max = ref _maxLengthByLastChar[d.Name[^1]];
                max = (byte)Math.Max(max, d.Name.Length);
            }
        }
        _byName = ToIndex(byName);
        _weakByName = ToIndex(weakByName);
        _cityAndCountyShortNames = ToIndex(shortNames);
        _provinceShortNames = provinceShortNames.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private static void AddTo(Dictionary<string, List<int>> map, string key, int id)
    {
        if (!map.TryGetValue(key, out var ids))
        {
            map[key] = ids = [];
        }
        ids.Add(id);
    }

    private static Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> ToIndex(Dictionary<string, List<int>> names)
    {
        var index = new Dictionary<string, int[]>(names.Count);
        foreach (var (name, ids) in names)
        {
            index[name] = [.. ids];
        }
        return index.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>开州 for 开州区, 韶关 for 韶关市; null where dropping the suffix leaves less than two characters or an
    /// autonomous unit's name (its short form is not the name minus one character).</summary>
    private static string? ShortName(string name)
    {
        if (name.Contains("自治", StringComparison.Ordinal))
        {
            return null;
        }
        var cut = name.EndsWith("地区", StringComparison.Ordinal) ? 2 : name[^1] is '市' or '区' or '县' or '旗' or '州' or '盟' ? 1 : 0;
        return cut > 0 && name.Length - cut >= 2 ? name[..^cut] : null;
    }

    private static string ShortProvinceName(string name)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return name[..^suffix.Length];
            }
        }
        return name;
    }

    /// <summary>The province whose short name (广东, 内蒙古) opens <paramref name="text"/>.</summary>
    internal Division? ProvinceByShortName(ReadOnlySpan<char> text)
    {
        for (var len = Math.Min(3, text.Length); len >= 2; len--)
        {
            if (_provinceShortNames.TryGetValue(text[..len], out var id))
            {
                return _all[id];
            }
        }
        return null;
    }

    /// <summary>Cities and counties a slogan names by short name ("法治开州建设"): the 2–4 characters after
    /// <paramref name="at"/> when a boundary (建设, punctuation, a non-Chinese character) follows them.</summary>
    internal NameMatch? SloganName(ReadOnlySpan<char> text, int at)
    {
        for (var len = 4; len >= 2; len--)
        {
            if (at + len > text.Length || !_cityAndCountyShortNames.TryGetValue(text.Slice(at, len), out var ids))
            {
                continue;
            }
            var rest = text[(at + len)..];
            if (rest.IsEmpty || rest.StartsWith("建设") || rest[0] is < '\u4e00' or > '\u9fff')
            {
                return new NameMatch(at, len, ids);
            }
        }
        return null;
    }

    /// <summary>The shared instance built from the embedded division list (built on first use, then reused).</summary>
    public static Divisions Load() => Shared.Value;

    internal Division this[int id] => _all[id];

    /// <summary>The official name of the division with this code, if there is one.</summary>
    public string? NameOf(string code) => _byCode.Value.TryGetValue(code, out var id) ? _all[id].Name : null;

    /// <summary>The code of the province with this official name (重庆市 → 50), if there is one.</summary>
    public string? ProvinceCode(string name) =>
        _all.FirstOrDefault(d => d.Level == DivisionLevel.Province && d.Name == name)?.Code;

    /// <summary>The real divisions (not 市辖区 placeholders) whose code starts with <paramref name="prefix"/>, at one level.</summary>
    internal IEnumerable<Division> Within(string prefix, DivisionLevel level) =>
        _all.Where(d => d.Level == level && !d.IsPseudo && d.Code.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The division itself or its ancestor at <paramref name="level"/>, or null.</summary>
    internal Division? AncestorAt(Division d, DivisionLevel level)
    {
        var cur = d;
        while (cur.Level > level && cur.ParentId >= 0)
        {
            cur = _all[cur.ParentId];
        }
        return cur.Level == level ? cur : null;
    }

    internal bool IsAncestorOrSelf(Division ancestor, Division d)
    {
        for (var cur = d; ; cur = _all[cur.ParentId])
        {
            if (cur.Id == ancestor.Id)
            {
                return true;
            }
            if (cur.ParentId < 0)
            {
                return false;
            }
        }
    }

    /// <summary>Adds every division name in <paramref name="text"/> to <paramref name="matches"/>, taking at each end
    /// position the longest name that does not cut into the previous match.</summary>
    internal void FindNames(ReadOnlySpan<char> text, List<NameMatch> matches)
    {
        var first = matches.Count;
        var lastEnd = 0;
        for (var i = 1; i < text.Length; i++)
        {
            int maxLen = _maxLengthByLastChar[text[i]];
            if (maxLen == 0)
            {
                continue;
            }
            var found = false;
            var previousStart = matches.Count > first ? matches[^1].Start : -1;
            for (var len = Math.Min(maxLen, i + 1); len >= 2; len--)
            {
                var start = i + 1 - len;
                // A name may not cut into the previous one, but may swallow it whole ("宁城县铁东街道" over "宁城县").
                if (start < lastEnd && start > previousStart)
                {
                    continue;
                }
                if (_byName.TryGetValue(text.Slice(start, len), out var ids))
                {
                    while (matches.Count > first && matches[^1].Start >= start)
                    {
                        matches.RemoveAt(matches.Count - 1);
                    }
                    matches.Add(new NameMatch(start, len, ids));
                    lastEnd = i + 1;
                    found = true;
                    break;
                }
            }
            if (!found && i - 1 >= lastEnd && _weakByName.TryGetValue(text.Slice(i - 1, 2), out var weak)
                && WeakNameInContext(text, i - 1, weak, matches) is { } kept)
            {
                matches.Add(new NameMatch(i - 1, 2, kept));
                lastEnd = i + 1;
            }
        }
    }

    /// <summary>
    /// Two-character names (城区, 郊区, 芒市, 贾镇) are ordinary words too: they count only right after their parent's
    /// name ("汕尾市城区", "冠县贾镇", keeping the divisions under that parent) or at the very start of a line.
    /// </summary>
    private int[]? WeakNameInContext(ReadOnlySpan<char> text, int start, int[] ids, List<NameMatch> matches)
    {
        if (start == 0 || start == 2 && text.StartsWith("关于") || text[(start + 2)..].StartsWith("人民政府"))
        {
            return ids;
        }
        if (matches.Count == 0 || matches[^1].Start + matches[^1].Length != start)
        {
            return null;
        }
        var parents = matches[^1].Ids;
        var kept = ids.Where(id => Array.IndexOf(parents, RealParent(_all[id]).Id) >= 0).ToArray();
        return kept.Length > 0 ? kept : null;
    }

    /// <summary>The nearest ancestor that is a real unit (重庆市 for 忠县, not the list's 县 placeholder).</summary>
    private Division RealParent(Division d)
    {
        var parent = _all[d.ParentId];
        while (parent.IsPseudo && parent.ParentId >= 0)
        {
            parent = _all[parent.ParentId];
        }
        return parent;
    }

    /// <summary>The official region of a division, placeholders left out.</summary>
    internal Region ToRegion(Division d)
    {
        string? p = null, pc = null, c = null, cc = null, k = null, kc = null, t = null, tc = null;
        for (var cur = d; ; cur = _all[cur.ParentId])
        {
            if (!cur.IsPseudo)
            {
                switch (cur.Level)
                {
                    case DivisionLevel.Province: (p, pc) = (cur.Name, cur.Code); break;
                    case DivisionLevel.City: (c, cc) = (cur.Name, cur.Code); break;
                    case DivisionLevel.County: (k, kc) = (cur.Name, cur.Code); break;
                    default: (t, tc) = (cur.Name, cur.Code); break;
                }
            }
            if (cur.ParentId < 0)
            {
                break;
            }
        }
        return new Region(p, pc, c, cc, k, kc, t, tc);
    }

    // Two-character names (城区, 和县, 贾镇) are ordinary words too and are matched apart (see WeakNameInContext); townships are indexed only in their usual
    // forms (镇/乡/街道/苏木), since 农场/林场/管委会 rows are not reporting governments and their names collide with prose.
    private static bool IsSearchableName(Division d) => d.Level switch
    {
        DivisionLevel.County => d.Name.Length >= 3,
        DivisionLevel.Township => d.Name.Length >= 3
            && (d.Name.EndsWith('镇') || d.Name.EndsWith('乡') || d.Name.EndsWith("街道", StringComparison.Ordinal) || d.Name.EndsWith("苏木", StringComparison.Ordinal)),
        _ => true,
    };

    private static bool IsTwoCharacterName(Division d) =>
        d.Name.Length == 2 && (d.Level == DivisionLevel.County || d.Name[^1] is '镇' or '乡');

    internal static Divisions FromResources(Assembly assembly)
    {
        string[][] Read(string file)
        {
            using var stream = assembly.GetManifestResourceStream($"SearchService.Data.{file}.csv")
                ?? throw new InvalidOperationException($"Embedded division list {file}.csv is missing.");
            using var reader = new StreamReader(stream);
            reader.ReadLine();
            var rows = new List<string[]>();
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0)
                {
                    rows.Add(line.Replace("\"", "", StringComparison.Ordinal).Split(','));
                }
            }
            return [.. rows];
        }

        var all = new List<Division>();
        var idByCode = new Dictionary<string, int>();
        var cityNames = new Dictionary<string, string>();
        void Add(string code, string name, DivisionLevel level, string? parentCode, bool pseudo)
        {
            var parent = parentCode is not null && idByCode.TryGetValue(parentCode, out var pid) ? pid : -1;
            idByCode[code] = all.Count;
            all.Add(new Division(all.Count, code, name, level, parent, pseudo));
        }
        foreach (var r in Read("provinces"))
        {
            Add(r[0], r[1], DivisionLevel.Province, null, false);
        }
        foreach (var r in Read("cities"))
        {
            cityNames[r[0]] = r[1];
            Add(r[0], r[1], DivisionLevel.City, r[2], r[1] is "市辖区" or "县" || r[1].EndsWith("直辖县级行政区划", StringComparison.Ordinal));
        }
        foreach (var r in Read("areas"))
        {
            Add(r[0], r[1], DivisionLevel.County, r[2], cityNames.GetValueOrDefault(r[2]) == r[1]);
        }
        foreach (var r in Read("streets"))
        {
            Add(r[0], r[1], DivisionLevel.Township, r[2], false);
        }
        return new Divisions(all);
    }
}

/// <summary>A division name found at <see cref="Start"/> with the divisions that carry it.</summary>
internal readonly record struct NameMatch(int Start, int Length, int[] Ids);
