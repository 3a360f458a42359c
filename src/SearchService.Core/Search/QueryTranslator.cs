using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using SearchService.Analysis;
using SearchService.Indexing;

namespace SearchService.Search;

/// <summary>
/// Reads the query language (words all required, "…" phrases, OR, AND, NOT, -word, parentheses, title:…) into
/// a Lucene query with exact substring semantics: a term matches a report exactly when the report contains its
/// characters in sequence, whatever the segmenter did; whole-word and title matches add to the score.
/// </summary>
public sealed class QueryTranslator : IDisposable
{
    private const float WholeWordBoost = 2f;
    private const float TitleBoost = 3f;

    // The parser's default field: a term without a field searches titles and bodies.
    private const string AllFields = "*";

    private readonly Analyzer _words = new WordAnalyzer();
    private readonly Analyzer _bigrams = new BigramAnalyzer();

    /// <summary>Parses <paramref name="text"/>; on a syntax error returns false with a message for the user.</summary>
    public bool TryParse(string text, out Query query, out string? error)
    {
        var parser = new Parser(this);
        try
        {
            query = parser.Parse(text);
            error = null;
            return true;
        }
        catch (ParseException e)
        {
            query = new BooleanQuery();
            error = QuerySyntaxError.Describe(text, e.Message);
            return false;
        }
    }

    public void Dispose()
    {
        _words.Dispose();
        _bigrams.Dispose();
    }

    /// <summary>One term or phrase of the query, searched in the title, the body, or both.</summary>
    private Query? Match(Scope scope, string text, int slop)
    {
        var substring = new BooleanQuery();
        var match = new BooleanQuery { { substring, Occur.MUST } };
        if (scope.HasFlag(Scope.Body) && SubstringPhrase(ReportFields.BodyBigrams, text, slop) is { } body)
        {
            substring.Add(body, Occur.SHOULD);
            AddBoosted(match, WordPhrase(ReportFields.Body, text, slop), WholeWordBoost);
        }

        if (scope.HasFlag(Scope.Title) && SubstringPhrase(ReportFields.TitleBigrams, text, slop) is { } title)
        {
            title.Boost = scope == Scope.Title ? 1f : TitleBoost;
            substring.Add(title, Occur.SHOULD);
            AddBoosted(match, WordPhrase(ReportFields.Title, text, slop), WholeWordBoost * title.Boost);
        }

        // Nothing searchable in it, such as lone punctuation: the term is left out.
        return substring.Clauses.Count == 0 ? null : match;
    }

    private static void AddBoosted(BooleanQuery match, Query? words, float boost)
    {
        if (words is not null)
        {
            words.Boost = boost;
            match.Add(words, Occur.SHOULD);
        }
    }

    /// <summary>
    /// The text as a phrase over the bigram field, using the index's own positions (one per character), with
    /// bigrams that tile each run of Han characters: 行政复议法 → 行政@0 复议@2 议法@3. A lone character is its unigram.
    /// </summary>
    private Query? SubstringPhrase(string field, string text, int slop)
    {
        var kept = new List<(string Term, int Position)>();
        var chars = new List<Token>();
        var pairs = new Dictionary<int, string>();
        foreach (var token in Analyze(_bigrams, field, text))
        {
            if (token.Type == BigramTokenizer.BigramType)
            {
                pairs[token.Position] = token.Term;
            }
            else if (token.Type == BigramTokenizer.UnigramType)
            {
                chars.Add(token);
            }
            else
            {
                TileRuns(chars, pairs, kept);
                kept.Add((token.Term, token.Position));
            }
        }

        TileRuns(chars, pairs, kept);
        return Phrase(field, kept, slop);
    }

    /// <summary>Picks bigrams (unigrams for lone characters) that cover each run of Han characters exactly.</summary>
    private static void TileRuns(List<Token> chars, Dictionary<int, string> pairs, List<(string, int)> kept)
    {
        for (var i = 0; i < chars.Count;)
        {
            var j = i;
            while (j + 1 < chars.Count && pairs.ContainsKey(chars[j].Position))
            {
                j++;
            }

            if (i == j)
            {
                kept.Add((chars[i].Term, chars[i].Position));
            }
            else
            {
                var last = chars[j].Position - 1;
                for (var p = chars[i].Position; p <= last; p += 2)
                {
                    kept.Add((pairs[p], p));
                }

                if (((j - i) & 1) == 0)
                {
                    kept.Add((pairs[last], last)); // odd run length: one overlapping bigram closes it
                }
            }

            i = j + 1;
        }

        chars.Clear();
        pairs.Clear();
    }

    private Query? WordPhrase(string field, string text, int slop) =>
        Phrase(field, Analyze(_words, field, text).Select(t => (t.Term, t.Position)).ToList(), slop);

    private static Query? Phrase(string field, List<(string Term, int Position)> terms, int slop)
    {
        if (terms.Count == 0)
        {
            return null;
        }

        if (terms.Count == 1)
        {
            return new TermQuery(new Term(field, terms[0].Term));
        }

        var phrase = new PhraseQuery { Slop = slop };
        var origin = terms[0].Position;
        foreach (var (term, position) in terms)
        {
            phrase.Add(new Term(field, term), position - origin);
        }

        return phrase;
    }

    private static List<Token> Analyze(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<Token>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(new Token(term.ToString(), position, type.Type));
        }

        stream.End();
        return tokens;
    }

    private readonly record struct Token(string Term, int Position, string Type);

    [System.Flags]
    private enum Scope
    {
        Title = 1,
        Body = 2,
    }

    /// <summary>Classic QueryParser syntax; every leaf goes through <see cref="Match"/>.</summary>
    private sealed class Parser : QueryParser
    {
        private readonly QueryTranslator _translator;

        public Parser(QueryTranslator translator)
            : base(IndexSchema.MatchVersion, AllFields, translator._words)
        {
            _translator = translator;
            DefaultOperator = AND_OPERATOR;
            AllowLeadingWildcard = false;
        }

        protected override Query? GetFieldQuery(string field, string queryText, bool quoted) =>
            _translator.Match(ScopeOf(field), quoted ? JoinHanAcrossSpaces(queryText) : queryText, slop: 0);

        protected override Query? GetFieldQuery(string field, string queryText, int slop) =>
            _translator.Match(ScopeOf(field), JoinHanAcrossSpaces(queryText), slop);

        // 法治* is the substring 法治: every match already extends to the right.
        protected override Query? GetPrefixQuery(string field, string termStr) =>
            _translator.Match(ScopeOf(field), termStr, slop: 0);

        protected override Query GetWildcardQuery(string field, string termStr) =>
            throw new ParseException($"通配符不受支持 / wildcards are not supported: '{termStr}'; every word already matches inside longer words");

        protected override Query GetFuzzyQuery(string field, string termStr, float minSimilarity) =>
            throw new ParseException($"模糊查询不受支持 / fuzzy queries are not supported: '{termStr}'");

        protected override Query GetRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive) =>
            throw new ParseException("范围查询不受支持 / range queries are not supported; use the yearFrom and yearTo filters");

        protected override Query? GetRegexpQuery(string field, string termStr) =>
            _translator.Match(ScopeOf(field), termStr, slop: 0);

        private static Scope ScopeOf(string field) => field switch
        {
            AllFields => Scope.Title | Scope.Body,
            ReportFields.Body or "text" => Scope.Body,
            ReportFields.Title => Scope.Title,
            _ => throw new ParseException($"未知字段 / unknown field '{field}': use title: or body:, or put the term in quotes"),
        };

        // Inside a phrase, 法律 顾问 means the adjacent words 法律顾问; spaces between Latin words still count.
        private static string JoinHanAcrossSpaces(string text)
        {
            var chars = new System.Text.StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsWhiteSpace(text[i]) && chars.Length > 0 && IsHan(chars[^1]))
                {
                    var next = i;
                    while (next < text.Length && char.IsWhiteSpace(text[next]))
                    {
                        next++;
                    }

                    if (next < text.Length && IsHan(text[next]))
                    {
                        i = next - 1;
                        continue;
                    }
                }

                chars.Append(text[i]);
            }

            return chars.ToString();
        }

        private static bool IsHan(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';
    }
}
