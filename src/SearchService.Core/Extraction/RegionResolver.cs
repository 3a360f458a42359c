using System.Text.RegularExpressions;

namespace SearchService.Extraction;

/// <summary>Who made the report: the region (as far as the evidence decides it), how sure that is, the level,
/// the department and the issuer as written.</summary>
internal sealed record ResolvedIssuer(Region Region, string Confidence, string? Level, string? Department, string? Issuer);

/// <summary>
/// Resolves the reporting body against the division list. The subject is the most specific unit the title (else
/// the issuer or signature line, else the body, guided by 我镇/我区/我局) names; when that name is shared by several
/// divisions, the parents, neighbours and province slogans named anywhere in the page pick one, and when they do
/// not, the lower levels stay empty and the confidence drops.
/// </summary>
internal sealed partial class RegionResolver(Divisions divisions)
{
    private const double TitleWeight = 6, IssuerWeight = 5, ChromeWeight = 2, BodyWeight = 1, BodyCapPerName = 6;

    public ResolvedIssuer Resolve(string? title, IReadOnlyList<string> organLines, string chrome, string body)
    {
        var ctx = new Context(divisions);
        if (title is not null)
        {
            ctx.Add(title, TitleWeight, Source.Title);
        }
        foreach (var line in organLines)
        {
            ctx.Add(line, IssuerWeight, Source.Organ);
        }
        ctx.Add(chrome, ChromeWeight, Source.Chrome);
        ctx.Add(body, BodyWeight, Source.Body);
        ctx.AddSlogans(body, lowerLevels: true);
        ctx.AddSlogans(chrome, lowerLevels: false);

        var department = FindDepartment(title, organLines, body);
        var (spokenLevels, otherPronouns) = SpokenLevels(body);
        var departmentPronouns = DepartmentPronoun().Count(body);
        var isDepartment = department is not null || departmentPronouns > 0 && departmentPronouns >= otherPronouns;
        if (isDepartment)
        {
            // A department reports to its own government ("县委、县政府"): that names the level of its region.
            spokenLevels = ParentLevel(body) switch
            {
                DivisionLevel.County => [DivisionLevel.County],
                DivisionLevel.City => [DivisionLevel.City, DivisionLevel.County, DivisionLevel.Province],
                DivisionLevel.Province => [DivisionLevel.Province],
                _ => null,
            };
        }
        var (subject, from) = ctx.PickSubject(spokenLevels);
        if (subject is null)
        {
            var province = ctx.BestProvince();
            var region = province is null ? Region.Unknown : divisions.ToRegion(province);
            var spoken = isDepartment ? ReportLevels.Department : spokenLevels is null ? null : LevelName(spokenLevels[0]);
            return new ResolvedIssuer(region, RegionConfidences.Low, spoken, department, null);
        }

        var (chosen, common, confidence) = ctx.Disambiguate(subject.Value, from is Source.Title or Source.Organ);
        var subjectLevel = divisions[subject.Value.Ids[0]].Level;
        // A page that names only the parent (the county's site, "县委、县政府") while speaking as 我乡 is the township's;
        // a unit the title names is the reporting body whatever the prose says.
        var level = isDepartment ? ReportLevels.Department
            : from != Source.Title && spokenLevels is not null && spokenLevels[0] > subjectLevel && !SpeaksAs(divisions[subject.Value.Ids[0]], spokenLevels) ? LevelName(spokenLevels[0])
            : LevelName(subjectLevel);
        if (chosen is null)
        {
            var region = common is null ? Region.Unknown : divisions.ToRegion(common);
            return new ResolvedIssuer(region, confidence, level, department, null);
        }
        // Without the department's name, or for a unit below the one resolved, the issuer is unknown.
        var issuer = level == LevelName(chosen.Level) || department is not null
            ? WrittenIssuer(organLines, chosen, department) ?? CanonicalIssuer(chosen, department)
            : null;
        return new ResolvedIssuer(divisions.ToRegion(chosen), confidence, level, department, issuer);
    }

    /// <summary>Whether a body speaking at <paramref name="spoken"/> levels can be <paramref name="subject"/>: a province
    /// says 我市 only as a municipality and 我区 only as an autonomous region.</summary>
    private static bool SpeaksAs(Division subject, DivisionLevel[] spoken) =>
        subject.Level != DivisionLevel.Province
            ? Array.IndexOf(spoken, subject.Level) >= 0
            : spoken[0] == DivisionLevel.Province
              || Array.IndexOf(spoken, DivisionLevel.Province) >= 0
                 && (spoken[0] == DivisionLevel.County ? subject.Name.EndsWith("自治区", StringComparison.Ordinal) : subject.Name.EndsWith('市'));

    private static string LevelName(DivisionLevel level) => level switch
    {
        DivisionLevel.Province => ReportLevels.Province,
        DivisionLevel.City => ReportLevels.City,
        DivisionLevel.County => ReportLevels.County,
        _ => ReportLevels.Township,
    };

    /// <summary>
    /// The levels the body speaks as, most likely first, or null when it never says; and how often it speaks as a
    /// government at all. 我镇/本县 decide (全镇 counts half); 我区 may be an autonomous region and 我市 a county-level
    /// city or a municipality, which the leadership it names ("在市委、市政府的领导下": a county under a city) settles.
    /// </summary>
    private static (DivisionLevel[]? Levels, double Count) SpokenLevels(string body)
    {
        double town = 0, county = 0, district = 0, city = 0, province = 0;
        foreach (Match m in Pronoun().Matches(body))
        {
            var weight = m.Value[0] == '全' ? 0.5 : 1;
            switch (m.Groups[1].Value)
            {
                case "镇" or "乡" or "街道" or "苏木": town += weight; break;
                case "县" or "旗": county += weight; break;
                case "区": district += weight; break;
                case "市" or "州" or "盟": city += weight; break;
                case "省": province += weight; break;
            }
        }
        var total = town + county + district + city + province;
        if (total == 0)
        {
            return (ParentLevel(body) is { } parent ? [parent + 1] : null, 0);
        }
        var max = Math.Max(Math.Max(town, Math.Max(county, district)), Math.Max(city, province));
        DivisionLevel[] levels = town == max ? [DivisionLevel.Township]
            : county == max ? [DivisionLevel.County]
            : district == max ? ParentLevel(body) == DivisionLevel.Province ? [DivisionLevel.Province] : [DivisionLevel.County, DivisionLevel.Province]
            : city == max ? ParentLevel(body) switch
            {
                DivisionLevel.Province => [DivisionLevel.City, DivisionLevel.Province],
                DivisionLevel.City => [DivisionLevel.County],
                _ => [DivisionLevel.City, DivisionLevel.County, DivisionLevel.Province],
            }
            : [DivisionLevel.Province];
        return (levels, total);
    }

    /// <summary>The level of the leadership the body names ("在区委、区政府的领导下" → county), or null. Provinces
    /// report to 党中央, which is not counted, so Province comes from 省委 or an autonomous region's own 自治区党委.</summary>
    private static DivisionLevel? ParentLevel(string body)
    {
        int province = 0, city = 0, county = 0;
        foreach (Match m in Leadership().Matches(body))
        {
            switch (m.Groups[1].Value)
            {
                case "省" or "自治区党": province++; break;
                case "市" or "州" or "盟" or "地": city++; break;
                default: county++; break;
            }
        }
        var max = Math.Max(province, Math.Max(city, county));
        return max == 0 ? null : province == max ? DivisionLevel.Province : city == max ? DivisionLevel.City : DivisionLevel.County;
    }

    /// <summary>A department named right after the region in the title or issuer line (重庆市江津区司法局), or as the
    /// body's 我局/我委 shows, the department the body names most.</summary>
    private string? FindDepartment(string? title, IReadOnlyList<string> organLines, string body)
    {
        foreach (var source in organLines.Prepend(title ?? ""))
        {
            if (DepartmentAfterRegion(source) is { } d)
            {
                return d;
            }
        }
        // The opening often names the reporting body: "2015年，夹江县农业农村局坚持…", "现将县农业农村局2018年度…".
        if (OpeningSubject().Match(body.Length > 400 ? body[..400] : body) is { Success: true } opening)
        {
            foreach (var name in KnownDepartments)
            {
                var at = opening.Value.IndexOf(name, StringComparison.Ordinal);
                if (at > 0 && opening.Value[at - 1] is '省' or '市' or '区' or '县' or '州' or '旗' or '盟')
                {
                    return name;
                }
            }
        }
        if (DepartmentPronoun().Count(body) == 0)
        {
            return null;
        }
        string? best = null;
        var bestCount = 0;
        foreach (var name in KnownDepartments)
        {
            var count = 0;
            for (var at = body.IndexOf(name, StringComparison.Ordinal); at >= 0; at = body.IndexOf(name, at + name.Length, StringComparison.Ordinal))
            {
                count++;
            }
            if (count > bestCount)
            {
                (best, bestCount) = (name, count);
            }
        }
        return best;
    }

    private string? DepartmentAfterRegion(string text)
    {
        var matches = new List<NameMatch>();
        divisions.FindNames(text, matches);
        var from = matches.Count > 0 ? matches[^1].Start + matches[^1].Length : text.StartsWith("关于", StringComparison.Ordinal) ? 2 : 0;
        var m = DepartmentName().Match(text, from);
        if (!m.Success)
        {
            return null;
        }
        // "区司法局" without a region name: the leading 区/县/市 only says the level (but 市场监督管理局 is a name).
        var name = m.Groups[1].Value;
        var levelPrefixed = name.Length > 3 && name[0] is '省' or '市' or '区' or '县' or '州' or '旗';
        return levelPrefixed && Array.IndexOf(KnownDepartments, name) < 0 ? name[1..] : name;
    }

    /// <summary>The issuer as an issuer line or the title writes it, when that line names the chosen unit.</summary>
    private string? WrittenIssuer(IReadOnlyList<string> organLines, Division chosen, string? department)
    {
        var matches = new List<NameMatch>();
        foreach (var line in organLines)
        {
            matches.Clear();
            divisions.FindNames(line, matches);
            // A bare "三汇镇人民政府" says less than the official name; a line naming a parent too is taken as written.
            if (matches.Count == 0 || Array.IndexOf(matches[^1].Ids, chosen.Id) < 0 || matches.Count < 2 && chosen.Level > DivisionLevel.City)
            {
                continue;
            }
            var tail = line.AsSpan(matches[^1].Start + matches[^1].Length);
            var fits = department is null
                ? tail is "人民政府" or "街道办事处" or "办事处" or "政府" or "行政公署" or "苏木政府"
                : tail.EndsWith(department);
            if (fits)
            {
                return line;
            }
        }
        return null;
    }

    /// <summary>The body's official name when the page does not write it: districts carry their city
    /// (韶关市武江区), counties stand alone, municipalities prefix their districts and counties.</summary>
    private string CanonicalIssuer(Division chosen, string? department)
    {
        var province = divisions.AncestorAt(chosen, DivisionLevel.Province)!;
        var city = divisions.AncestorAt(chosen, DivisionLevel.City);
        var county = divisions.AncestorAt(chosen, DivisionLevel.County);
        var municipality = city is { IsPseudo: true } && city.Name != "省直辖县级行政区划" && city.Name != "自治区直辖县级行政区划";
        string GovernmentPrefix(Division d) => d.Level switch
        {
            DivisionLevel.Province => d.Name,
            DivisionLevel.City => d.Name,
            _ when municipality => province.Name + d.Name,
            _ when d.Name.EndsWith('区') && city is { IsPseudo: false } => city.Name + d.Name,
            _ => d.Name,
        };
        if (department is not null)
        {
            return GovernmentPrefix(chosen) + department;
        }
        switch (chosen.Level)
        {
            case DivisionLevel.Township:
                var parent = county is { IsPseudo: false } ? (municipality ? province.Name + county.Name : county.Name) : city?.Name ?? "";
                return parent + chosen.Name + (chosen.Name.EndsWith("街道", StringComparison.Ordinal) ? "办事处" : "人民政府");
            case DivisionLevel.City:
                return chosen.Name + (chosen.Name.EndsWith('盟') || chosen.Name.EndsWith("地区", StringComparison.Ordinal) ? "行政公署" : "人民政府");
            default:
                return GovernmentPrefix(chosen) + "人民政府";
        }
    }

    private static readonly string[] KnownDepartments =
    [
        "市场监督管理局", "人力资源和社会保障局", "住房和城乡建设局", "卫生健康委员会", "发展和改革委员会", "教育委员会",
        "退役军人事务局", "行政审批服务局", "政务服务管理局", "生态环境局", "交通运输局", "农业农村局", "自然资源局", "应急管理局",
        "文化和旅游局", "城市管理局", "医疗保障局", "司法局", "教育局", "公安局", "民政局", "财政局", "水利局", "林业局", "商务局",
        "统计局", "审计局", "信访局", "税务局", "司法厅", "教育厅", "公安厅", "民政厅", "财政厅", "工业和信息化局", "科学技术局",
        "规划和自然资源局", "综合行政执法局", "农业农村委员会",
    ];

    [GeneratedRegex(@"[我本全](镇|乡|街道|苏木|县|区|旗|市|州|盟|省)(?![委政级内外属长])")]
    private static partial Regex Pronoun();

    [GeneratedRegex(@"(省|市|州|盟|地|县|区|旗|自治区党)委[、和及](?:\1|自治区)?(?:人民)?(?:政府|行署)")]
    private static partial Regex Leadership();

    [GeneratedRegex(@"^\s*20\d{2}\s*年度?\s*[，,][^，,。]{2,40}|现将[^，,。]{2,30}?20\d{2}")]
    private static partial Regex OpeningSubject();

    [GeneratedRegex(@"[我本](?:局|委|厅)(?![员会])")]
    private static partial Regex DepartmentPronoun();

    [GeneratedRegex(@"\G(\p{IsCJKUnifiedIdeographs}{1,12}?(?:局|厅|委员会))(?=关于|\d|（|\(|法治|$)")]
    private static partial Regex DepartmentName();

    /// <summary>Where a name was found; the report's own title and issuer lines outweigh the page chrome and the prose.</summary>
    private enum Source { Title, Organ, Chrome, Body }

    /// <summary>Evidence gathered from one page: per-division weights and the names each source mentioned.</summary>
    private sealed class Context(Divisions divisions)
    {
        private readonly Dictionary<int, double> _weight = [];
        private readonly List<(NameMatch Match, Source Source)> _mentions = [];
        private readonly Dictionary<int, double> _provinceClues = [];
        private readonly Dictionary<int[], int> _bodyCounts = new(ReferenceEqualityComparer.Instance);

        public void Add(string text, double weight, Source source)
        {
            var matches = new List<NameMatch>();
            divisions.FindNames(text, matches);
            foreach (var m in matches)
            {
                // In a title or issuer line a cited 《重庆市…方案》 names someone else's document, not the reporting body.
                if (source is Source.Title or Source.Organ && InsideBookTitle(text, m.Start))
                {
                    continue;
                }
                _mentions.Add((m, source));
                var w = weight;
                if (source == Source.Body)
                {
                    var seen = _bodyCounts.GetValueOrDefault(m.Ids) + 1;
                    _bodyCounts[m.Ids] = seen;
                    if (seen > BodyCapPerName)
                    {
                        continue;
                    }
                }
                // A shared name is weaker evidence for each division that carries it.
                w /= Math.Sqrt(m.Ids.Length);
                foreach (var id in m.Ids)
                {
                    _weight[id] = _weight.GetValueOrDefault(id) + w;
                }
            }
        }

        /// <summary>Province slogans (法治广东, 平安浙江) and 省委/省政府-style references by short name.</summary>
        private static bool InsideBookTitle(string text, int at)
        {
            var open = text.LastIndexOf('《', at);
            return open >= 0 && text.LastIndexOf('》', at) < open;
        }

        /// <summary>
        /// Slogans name places by short name: 法治广东/平安浙江 weigh for a province (up to five times per province), and
        /// 法治开州/法治韶关 count as one body mention of the city or county when <paramref name="lowerLevels"/>.
        /// </summary>
        public void AddSlogans(string text, bool lowerLevels)
        {
            Dictionary<int, int>? provinceHits = null;
            foreach (var prefix in (ReadOnlySpan<string>)["法治", "平安", "美丽", "数字"])
            {
                for (var at = text.IndexOf(prefix, StringComparison.Ordinal); at >= 0; at = text.IndexOf(prefix, at + 2, StringComparison.Ordinal))
                {
                    if (divisions.ProvinceByShortName(text.AsSpan(at + 2)) is { } province)
                    {
                        provinceHits ??= [];
                        provinceHits[province.Id] = provinceHits.GetValueOrDefault(province.Id) + 1;
                    }
                    else if (lowerLevels && prefix == "法治" && divisions.SloganName(text, at + 2) is { } m)
                    {
                        _mentions.Add((m, Source.Body));
                        foreach (var id in m.Ids)
                        {
                            _weight[id] = _weight.GetValueOrDefault(id) + BodyWeight / Math.Sqrt(m.Ids.Length);
                        }
                    }
                }
            }
            foreach (var (id, hits) in provinceHits ?? [])
            {
                var w = 2.0 * Math.Min(hits, 5);
                _provinceClues[id] = _provinceClues.GetValueOrDefault(id) + w;
                _weight[id] = _weight.GetValueOrDefault(id) + w;
            }
        }

        /// <summary>
        /// The most specific name in the title; else in the issuer lines (or, when the body speaks as a lower level
        /// than that line names, the body's most frequent unit under it); else the body's, then the page chrome's, most
        /// frequent name at the level the body speaks as; else the nearest level above it that is named.
        /// </summary>
        public (NameMatch? Subject, Source From) PickSubject(DivisionLevel[]? spokenLevels)
        {
            if (DeepestIn(Source.Title) is { } titled)
            {
                return (titled, Source.Title);
            }
            if (DeepestIn(Source.Organ) is { } organ)
            {
                if (spokenLevels is not null && spokenLevels[0] > Deepest(organ)
                    && MostFrequent(Source.Body, spokenLevels, organ.Ids) is { } below)
                {
                    // The body names it, the issuer line only its parent: not sure enough for high confidence.
                    return (below, Source.Body);
                }
                return (organ, Source.Organ);
            }
            // Every unit names its province (上海市…, 《云南省…》), while a province speaking as 我区/我市 (an autonomous
            // region, a municipality) rarely names a lower unit: the lower levels are tried by frequency among themselves
            // (a county-level city names its parent city too), the province only by the nearest-parent fallback below.
            var byPriority = spokenLevels is [.. var lower, DivisionLevel.Province] && lower.Length > 0 ? lower : spokenLevels;
            foreach (var source in (ReadOnlySpan<Source>)[Source.Body, Source.Chrome])
            {
                if (MostFrequent(source, byPriority, null) is { } named)
                {
                    return (named, source);
                }
            }
            // The unit itself is never named: its nearest named parent ("深圳市" in a 我区 report) is the best answer.
            if (spokenLevels is not null)
            {
                for (var level = spokenLevels[0] - 1; level >= DivisionLevel.Province; level--)
                {
                    foreach (var source in (ReadOnlySpan<Source>)[Source.Body, Source.Chrome])
                    {
                        if (MostFrequent(source, [level], null) is { } parent)
                        {
                            return (parent, source);
                        }
                    }
                }
            }
            return (null, Source.Body);
        }

        private NameMatch? DeepestIn(Source source)
        {
            NameMatch? best = null;
            var bestLevel = (DivisionLevel)0;
            foreach (var (m, s) in _mentions)
            {
                if (s == source && Deepest(m) is var level && level >= bestLevel)
                {
                    (best, bestLevel) = (m, level);
                }
            }
            return best;
        }

        /// <summary>The most often named unit of <paramref name="source"/> at one of <paramref name="levels"/> (any when
        /// null), optionally only units under one of <paramref name="under"/>; ties go to the deeper, then the earlier.</summary>
        private NameMatch? MostFrequent(Source source, DivisionLevel[]? levels, int[]? under)
        {
            var counts = new Dictionary<int[], (int Count, int First, NameMatch Match)>(ReferenceEqualityComparer.Instance);
            foreach (var (m, s) in _mentions)
            {
                if (s != source || (levels is not null && !MatchesLevel(m, levels)) || (under is not null && !IsUnder(m, under)))
                {
                    continue;
                }
                counts[m.Ids] = counts.TryGetValue(m.Ids, out var c) ? (c.Count + 1, c.First, c.Match) : (1, m.Start, m);
            }
            NameMatch? pick = null;
            (int Count, int Level, int First) pickKey = (0, 0, 0);
            foreach (var (_, c) in counts)
            {
                var key = (c.Count, (int)Deepest(c.Match), -c.First);
                if (pick is null || key.CompareTo(pickKey) > 0)
                {
                    (pick, pickKey) = (c.Match, key);
                }
            }
            return pick;
        }

        private bool IsUnder(NameMatch m, int[] ancestors)
        {
            foreach (var id in m.Ids)
            {
                foreach (var a in ancestors)
                {
                    if (a != id && divisions.IsAncestorOrSelf(divisions[a], divisions[id]))
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        private DivisionLevel Deepest(NameMatch m)
        {
            var level = (DivisionLevel)0;
            foreach (var id in m.Ids)
            {
                if (divisions[id].Level > level)
                {
                    level = divisions[id].Level;
                }
            }
            return level;
        }

        private bool MatchesLevel(NameMatch m, DivisionLevel[] levels)
        {
            foreach (var id in m.Ids)
            {
                if (Array.IndexOf(levels, divisions[id].Level) >= 0)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Picks among the divisions carrying the subject's name by the support of their parents and
        /// neighbours; returns the winner, or else the deepest ancestor all leading candidates share.</summary>
        public (Division? Chosen, Division? Common, string Confidence) Disambiguate(NameMatch subject, bool fromIssuer)
        {
            var deepest = Deepest(subject);
            var candidates = new List<(Division D, double Support, double Chain)>();
            foreach (var id in subject.Ids)
            {
                var d = divisions[id];
                if (d.Level == deepest)
                {
                    candidates.Add((d, Support(d), ChainSupport(d, subject)));
                }
            }
            candidates.Sort((a, b) => (b.Chain + b.Support).CompareTo(a.Chain + a.Support));
            var best = candidates[0];
            var bestScore = best.Chain + best.Support;
            var secondScore = candidates.Count > 1 ? candidates[1].Chain + candidates[1].Support : 0;
            var provinceOk = ProvinceAgrees(best.D);

            // Candidates share their upper ancestors, so the margin, not the ratio, says how much the evidence prefers one.
            var margin = bestScore - secondScore;
            if (candidates.Count == 1 || margin >= 1)
            {
                // Province and city names are unmistakable; a unique county or township name still wants a parent named.
                var strong = candidates.Count == 1 ? bestScore >= 1 || best.D.Level <= DivisionLevel.City : best.Chain > 0 || margin >= 3;
                var confidence = fromIssuer && strong && provinceOk ? RegionConfidences.High
                    : provinceOk ? RegionConfidences.Medium : RegionConfidences.Low;
                return (best.D, null, confidence);
            }

            // Undecided: keep what the leading candidates agree on.
            Division? common = best.D;
            foreach (var c in candidates)
            {
                if (c.Chain + c.Support < bestScore - 1)
                {
                    continue;
                }
                while (common is not null && !divisions.IsAncestorOrSelf(common, c.D))
                {
                    common = common.ParentId >= 0 ? divisions[common.ParentId] : null;
                }
            }
            if (common is not null && common.Id == best.D.Id)
            {
                common = null;
            }
            return (null, common, RegionConfidences.Low);
        }

        /// <summary>Weight of the candidate's ancestors, plus a little for other named places under the same parent.</summary>
        private double Support(Division d)
        {
            var support = 0.0;
            for (var cur = d; cur.ParentId >= 0;)
            {
                cur = divisions[cur.ParentId];
                support += _weight.GetValueOrDefault(cur.Id);
            }
            var parent = d.ParentId >= 0 ? divisions[d.ParentId] : null;
            if (parent is not null && d.Level >= DivisionLevel.County)
            {
                var seen = new HashSet<int[]>(ReferenceEqualityComparer.Instance);
                foreach (var (m, _) in _mentions)
                {
                    if (!seen.Add(m.Ids) || Array.IndexOf(m.Ids, d.Id) >= 0)
                    {
                        continue;
                    }
                    foreach (var id in m.Ids)
                    {
                        var other = divisions[id];
                        if (other.Level == d.Level && other.ParentId == parent.Id)
                        {
                            support += 0.5 / m.Ids.Length;
                        }
                    }
                }
            }
            return support;
        }

        /// <summary>Parents written in the same line as the subject ("丰都县双龙镇") decide nearly alone.</summary>
        private double ChainSupport(Division d, NameMatch subject)
        {
            var chain = 0.0;
            foreach (var (m, s) in _mentions)
            {
                if (s is Source.Body or Source.Chrome || m.Ids == subject.Ids)
                {
                    continue;
                }
                foreach (var id in m.Ids)
                {
                    if (id != d.Id && divisions.IsAncestorOrSelf(divisions[id], d))
                    {
                        chain += 10;
                        break;
                    }
                }
            }
            return chain;
        }

        /// <summary>False when the page points at another province more strongly than at the candidate's.</summary>
        private bool ProvinceAgrees(Division d)
        {
            var own = divisions.AncestorAt(d, DivisionLevel.Province)!;
            var totals = ProvinceTotals();
            var ownTotal = totals.GetValueOrDefault(own.Id);
            foreach (var (id, total) in totals)
            {
                if (id != own.Id && total > ownTotal + 1 && total > 2 * ownTotal)
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Per province, the weight of names that belong to it alone, and its slogans.</summary>
        private Dictionary<int, double> ProvinceTotals()
        {
            var totals = new Dictionary<int, double>(_provinceClues);
            var seen = new Dictionary<int[], int>(ReferenceEqualityComparer.Instance);
            foreach (var (m, s) in _mentions)
            {
                var n = seen.GetValueOrDefault(m.Ids) + 1;
                seen[m.Ids] = n;
                if (n > BodyCapPerName)
                {
                    continue;
                }
                var p = divisions.AncestorAt(divisions[m.Ids[0]], DivisionLevel.Province)!;
                var single = true;
                foreach (var id in m.Ids)
                {
                    single &= divisions.AncestorAt(divisions[id], DivisionLevel.Province)!.Id == p.Id;
                }
                if (single)
                {
                    totals[p.Id] = totals.GetValueOrDefault(p.Id) + s switch
                    {
                        Source.Title => TitleWeight,
                        Source.Organ => IssuerWeight,
                        Source.Chrome => ChromeWeight,
                        _ => BodyWeight,
                    };
                }
            }
            return totals;
        }

        public Division? BestProvince()
        {
            Division? best = null;
            var bestTotal = 0.0;
            foreach (var (id, total) in ProvinceTotals())
            {
                if (total > bestTotal)
                {
                    (best, bestTotal) = (divisions[id], total);
                }
            }
            return best;
        }
    }
}
