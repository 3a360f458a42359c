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
/// characters in sequence, whatever the segmenter did; whole-word and title matches, and terms close together,
/// add to the score.
/// </summary>
public sealed class QueryTranslator(Synonyms synonyms) : IDisposable
{
    private const float WholeWordBoost = 2f;
    private const float TitleBoost = 3f;
    private const float SynonymBoost = 0.7f;
    private const float ProximityBoost = 1.5f;
    private const int ProximitySlop = 20;

    // An unquoted term this long is a sentence typed or pasted, not a term: most of its words must match.
    private const int SentenceLength = 12;
    private const double SentenceWordShare = 0.6;

    // The parser's default field: a term without a field searches titles and bodies.
    private const string AllFields = "*";

    private readonly Analyzer _words = new WordAnalyzer();
    private readonly Analyzer _bigrams = new BigramAnalyzer();
    private readonly Analyzer _trigrams = new RunGramAnalyzer(3);
    private readonly Analyzer _fourGrams = new RunGramAnalyzer(4);

    /// <summary>Parses <paramref name="text"/>; on a syntax error returns false with a message for the user.</summary>
    /// <param name="text">The query text.</param>
    /// <param name="variants">Whether terms are also searched in their curated synonyms and older names.</param>
    /// <param name="parsed">The query and its terms.</param>
    /// <param name="error">What is wrong, for the user.</param>
    public bool TryParse(string text, bool variants, out ParsedQuery parsed, out string? error)
    {
        try
        {
            var exact = new Parser(this, variants, sentences: false);
            var query = exact.Parse(text);
            ParsedQuery? relaxed = null;
            if (exact.HasSentence)
            {
                var loose = new Parser(this, variants, sentences: true);
                relaxed = new ParsedQuery(loose.Parse(text), loose.Terms, Near: Proximity(loose.Terms));
            }

            parsed = new ParsedQuery(query, exact.Terms, relaxed, Proximity(exact.Terms));
            error = null;
            return true;
        }
        catch (ParseException e)
        {
            parsed = ParsedQuery.MatchAll;
            error = QuerySyntaxError.Describe(text, e.Message);
            return false;
        }
    }

    public void Dispose()
    {
        _words.Dispose();
        _bigrams.Dispose();
        _trigrams.Dispose();
        _fourGrams.Dispose();
    }

    /// <summary>One term or phrase of the query in all its forms, searched in the title, the body, or both.</summary>
    private Query? Term(Scope scope, string text, int slop, bool quoted, bool variants, bool sentences, List<QueryTerm> terms)
    {
        var forms = new List<TermForm>();
        AddForm(forms, scope, text, slop, isSynonym: false);
        foreach (var synonym in variants ? synonyms.Of(text) : [])
        {
            AddForm(forms, scope, synonym, slop, isSynonym: true);
        }

        if (forms.Count == 0)
        {
            return null; // nothing searchable in it, such as lone punctuation
        }

        terms.Add(new QueryTerm(text, forms));
        var query = forms.Count == 1 ? Combined(forms[0]) : AnyOf(forms);
        return sentences && !quoted && IsSentence(text) && Sentence(scope, text, variants, terms) is { } sentence ? sentence : query;
    }

    private void AddForm(List<TermForm> forms, Scope scope, string text, int slop, bool isSynonym)
    {
        var substring = new TermFormQuery.Group();
        var words = new TermFormQuery.Group();
        if (scope.HasFlag(Scope.Body) && Substring(BodyFields, text, slop) is { } body)
        {
            substring.Add(body, Occur.SHOULD);
            // Only a term the dictionary knows as one word says "whole word" (here and in the title); a phrase over the
            // pieces of a split term would cost position work on every matching report for next to no ranking signal,
            // so the word fields keep no positions.
            AddBoosted(words, WholeWord(ReportFields.Body, text), WholeWordBoost);
        }

        if (scope.HasFlag(Scope.Title) && Substring(TitleFields, text, slop) is { } title)
        {
            title.Boost = scope == Scope.Title ? 1f : TitleBoost;
            substring.Add(title, Occur.SHOULD);
            AddBoosted(words, WholeWord(ReportFields.Title, text), WholeWordBoost * title.Boost);
        }

        if (scope.HasFlag(Scope.Place) && Substring(PlaceFields, text, slop) is { } place)
        {
            place.Boost = TitleBoost;
            substring.Add(place, Occur.SHOULD);
        }

        if (substring.Clauses.Count > 0)
        {
            forms.Add(new TermForm(text, isSynonym, substring, words.Clauses.Count == 0 ? null : words));
        }
    }

    private static Query Combined(TermForm form) => new TermFormQuery(form.Substring, form.WholeWord);

    private static Query AnyOf(List<TermForm> forms)
    {
        var any = new WindowedBooleanQuery();
        foreach (var form in forms)
        {
            var query = Combined(form);
            query.Boost = form.IsSynonym ? SynonymBoost : 1f;
            any.Add(query, Occur.SHOULD);
        }

        return any;
    }

    /// <summary>
    /// A long unquoted term read as a sentence: a report that holds most of its words (each as a substring)
    /// matches. The searcher asks this reading only when no report holds the sentence whole.
    /// </summary>
    private Query? Sentence(Scope scope, string text, bool variants, List<QueryTerm> terms)
    {
        var words = Analyze(_words, ReportFields.Body, text).Select(t => t.Term).Where(t => t.Length >= 2).Distinct().ToList();
        if (words.Count < 3)
        {
            return null;
        }

        var sentence = new MostWordsQuery();
        foreach (var word in words)
        {
            if (SentenceWord(scope, word, variants) is { } part)
            {
                sentence.Add(part.Substring, Occur.SHOULD);
                terms.Add(new QueryTerm(word, [part]));
            }
        }

        sentence.MinimumNumberShouldMatch = (int)Math.Ceiling(words.Count * SentenceWordShare);
        return sentence;
    }

    /// <summary>
    /// One word of a sentence, searched lean: where the sentence's text is searched (its body, or its title under
    /// title:) and with its synonyms, but without the title, place and whole-word clauses of a term. Most of a
    /// dozen words must match, and each extra clause per word would be scored on nearly every report.
    /// </summary>
    private TermForm? SentenceWord(Scope scope, string word, bool variants)
    {
        var fields = scope.HasFlag(Scope.Body) ? BodyFields : TitleFields;
        var forms = new BooleanQuery();
        foreach (var (form, boost) in (variants ? synonyms.Of(word) : []).Select(f => (f, SynonymBoost)).Prepend((word, 1f)))
        {
            if (Substring(fields, form, slop: 0) is { } query)
            {
                query.Boost = boost;
                forms.Add(query, Occur.SHOULD);
            }
        }

        return forms.Clauses.Count switch
        {
            0 => null,
            1 => new TermForm(word, false, forms.Clauses[0].Query, null),
            _ => new TermForm(word, false, forms, null),
        };
    }

    /// <summary>
    /// Reports where the terms stand close together score higher: one sloppy phrase over the first piece of each
    /// term, its first trigram when every term has one, else its first bigram (one position list per term keeps
    /// it cheap; closeness does not need every character, and trigram lists are far shorter than bigram ones).
    /// </summary>
    private ProximityQuery? Proximity(List<QueryTerm> terms)
    {
        if (terms.Count is < 2 or > 8)
        {
            return null;
        }

        var anchors = terms.Select(t => Analyze(_trigrams, ReportFields.BodyTrigrams, t.Forms[0].Text).FirstOrDefault()).ToList();
        var field = ReportFields.BodyTrigrams;
        if (anchors.Any(a => a.Term is null))
        {
            field = ReportFields.BodyBigrams;
            anchors = terms.Select(t => Analyze(_bigrams, field, t.Forms[0].Text) switch
            {
                [{ Type: BigramTokenizer.UnigramType }] => default, // a lone character's unigram stands only at the edges of runs
                [var single] => single,
                [_, { Type: BigramTokenizer.BigramType } pair, ..] => pair,
                var tokens => tokens.FirstOrDefault(),
            }).ToList();
        }

        var near = new ProximityQuery { Slop = ProximitySlop, Boost = ProximityBoost };
        var position = 0;
        for (var i = 0; i < terms.Count; i++)
        {
            if (anchors[i].Term is null)
            {
                return null;
            }

            near.Add(new Term(field, anchors[i].Term), position);
            position += terms[i].Text.Length;
        }

        return near;
    }

    private static bool IsSentence(string text) => text.Count(c => c >= '\u3400') >= SentenceLength;

    private static void AddBoosted(BooleanQuery query, Query? clause, float boost)
    {
        if (clause is not null)
        {
            clause.Boost = boost;
            query.Add(clause, Occur.SHOULD);
        }
    }

    /// <summary>
    /// The query that matches exactly the texts holding <paramref name="text"/>: one run of four CJK characters
    /// becomes its four-gram where there is a four-gram field, one of three or more trigrams tiling it (法治政府建设 →
    /// 法治政@0 府建设@3) where there is a trigram field, anything else a phrase over the bigram field.
    /// </summary>
    private Query? Substring(SubstringFields fields, string text, int slop)
    {
        var tokens = Analyze(_bigrams, fields.Bigrams, text);
        var run = slop == 0 ? RunLength(tokens) : 0;
        if (run == 4 && fields.FourGrams is { } fourGrams && Analyze(_fourGrams, fourGrams, text) is [var fourGram])
        {
            return new CachedTermQuery(new Term(fourGrams, fourGram.Term));
        }

        return run >= 3 && fields.Trigrams is { } trigrams ? TrigramTiling(trigrams, text) : SubstringPhrase(fields.Bigrams, tokens, slop);
    }

    /// <summary>
    /// The length in characters of the text whose bigram tokens these are, when it is one run of three or more CJK
    /// characters (its first character, its bigrams at consecutive positions, its last character); otherwise 0.
    /// </summary>
    private static int RunLength(List<Token> tokens)
    {
        if (tokens.Count < 4 || tokens[0].Type != BigramTokenizer.UnigramType || tokens[^1].Type != BigramTokenizer.UnigramType)
        {
            return 0;
        }

        var start = tokens[0].Position;
        for (var i = 1; i < tokens.Count - 1; i++)
        {
            if (tokens[i].Type != BigramTokenizer.BigramType || tokens[i].Position != start + i - 1)
            {
                return 0;
            }
        }

        return tokens[^1].Position == start + tokens.Count - 2 ? tokens.Count - 1 : 0;
    }

    /// <summary>Trigrams at every third position, and the last one closing the run: each character covered, none read twice more than needed.</summary>
    private Query? TrigramTiling(string field, string text)
    {
        var trigrams = Analyze(_trigrams, field, text);
        var kept = new List<(string Term, int Position)>();
        for (var i = 0; i < trigrams.Count; i += 3)
        {
            kept.Add((trigrams[i].Term, trigrams[i].Position));
        }

        if ((trigrams.Count - 1) % 3 != 0)
        {
            kept.Add((trigrams[^1].Term, trigrams[^1].Position));
        }

        return Phrase(field, kept, slop: 0);
    }

    /// <summary>
    /// The text as a phrase over the bigram field, at the index's own positions (one per character), with bigrams
    /// that tile each run of CJK characters: 行政复议法 → 行政@0 复议@2 议法@3. A lone character beside other tokens is
    /// its unigram, which the index keeps at the edges of runs, where such a character stands (2022年 → 2022@0 年@1);
    /// a lone character alone matches every token it starts, so it is found inside runs too.
    /// </summary>
    private static Query? SubstringPhrase(string field, List<Token> tokens, int slop)
    {
        if (tokens is [{ Type: BigramTokenizer.UnigramType } lone])
        {
            return new PrefixQuery(new Term(field, lone.Term));
        }

        var kept = new List<(string Term, int Position)>();
        var run = new List<Token>();
        foreach (var token in tokens)
        {
            var isCjk = token.Type is BigramTokenizer.UnigramType or BigramTokenizer.BigramType;
            if (run.Count > 0 && !(isCjk && Continues(run, token)))
            {
                TileRun(run, kept);
            }

            if (isCjk)
            {
                run.Add(token);
            }
            else
            {
                kept.Add((token.Term, token.Position));
            }
        }

        TileRun(run, kept);
        return Phrase(field, kept, slop);

        // A token continues the run when it stands on its last character or follows a bigram that reaches it.
        static bool Continues(List<Token> run, Token token) =>
            token.Position == run[^1].Position || run.Exists(t => t.Type == BigramTokenizer.BigramType && t.Position == token.Position - 1);
    }

    /// <summary>Picks bigrams that cover one run of CJK characters exactly (its unigram for a lone character), then clears it.</summary>
    private static void TileRun(List<Token> run, List<(string, int)> kept)
    {
        if (run.Count == 0)
        {
            return;
        }

        var pairs = run.Where(t => t.Type == BigramTokenizer.BigramType).ToDictionary(t => t.Position, t => t.Term);
        if (pairs.Count == 0)
        {
            kept.Add((run[0].Term, run[0].Position));
        }
        else
        {
            var first = pairs.Keys.Min();
            var last = pairs.Keys.Max();
            for (var p = first; p <= last; p += 2)
            {
                kept.Add((pairs[p], p));
            }

            if (((last - first) & 1) == 1)
            {
                kept.Add((pairs[last], last)); // odd run length: one overlapping bigram closes it
            }
        }

        run.Clear();
    }

    /// <summary>The text's one word in a word field, when the dictionary reads it as one word; otherwise null.</summary>
    private Query? WholeWord(string field, string text) =>
        Analyze(_words, field, text) is [var word] ? new CachedTermQuery(new Term(field, word.Term)) : null;

    private static Query? Phrase(string field, List<(string Term, int Position)> terms, int slop)
    {
        if (terms.Count == 0)
        {
            return null;
        }

        if (terms.Count == 1)
        {
            return new CachedTermQuery(new Term(field, terms[0].Term));
        }

        var phrase = new ReportPhraseQuery { Slop = slop };
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

    /// <summary>The fields a term is matched in for one scope: bigrams always, trigrams and four-grams where indexed.</summary>
    private sealed record SubstringFields(string Bigrams, string? Trigrams, string? FourGrams);

    private static readonly SubstringFields BodyFields = new(ReportFields.BodyBigrams, ReportFields.BodyTrigrams, ReportFields.BodyFourGrams);
    private static readonly SubstringFields TitleFields = new(ReportFields.TitleBigrams, ReportFields.TitleTrigrams, FourGrams: null);
    private static readonly SubstringFields PlaceFields = new(ReportFields.PlaceBigrams, Trigrams: null, FourGrams: null);

    [System.Flags]
    private enum Scope
    {
        Title = 1,
        Body = 2,

        /// <summary>The names of the report's resolved region and its issuer: a township's report that only says 我乡 is still its report.</summary>
        Place = 4,
    }

    /// <summary>Classic QueryParser syntax; every leaf goes through <see cref="Term"/>.</summary>
    private sealed class Parser : QueryParser
    {
        private readonly QueryTranslator _translator;
        private readonly bool _variants;
        private readonly bool _sentences;

        public Parser(QueryTranslator translator, bool variants, bool sentences)
            : base(IndexSchema.MatchVersion, AllFields, translator._words)
        {
            _translator = translator;
            _variants = variants;
            _sentences = sentences;
            DefaultOperator = AND_OPERATOR;
            AllowLeadingWildcard = false;
        }

        public List<QueryTerm> Terms { get; } = [];

        /// <summary>Whether a long unquoted term could also be read as a sentence.</summary>
        public bool HasSentence { get; private set; }

        private Query? Term(string field, string text, int slop, bool quoted)
        {
            HasSentence |= !quoted && IsSentence(text);
            return _translator.Term(ScopeOf(field), text, slop, quoted, _variants, _sentences, Terms);
        }

        protected override BooleanQuery NewBooleanQuery(bool disableCoord) => new WindowedBooleanQuery(disableCoord);

        protected override Query? GetFieldQuery(string field, string queryText, bool quoted) =>
            Term(field, quoted ? JoinHanAcrossSpaces(queryText) : queryText, slop: 0, quoted);

        protected override Query? GetFieldQuery(string field, string queryText, int slop) =>
            Term(field, JoinHanAcrossSpaces(queryText), slop, quoted: true);

        // 法治* is the substring 法治: every match already extends to the right.
        protected override Query? GetPrefixQuery(string field, string termStr) => Term(field, termStr, slop: 0, quoted: false);

        protected override Query GetWildcardQuery(string field, string termStr) =>
            throw new ParseException($"通配符不受支持 / wildcards are not supported: '{termStr}'; every word already matches inside longer words");

        protected override Query GetFuzzyQuery(string field, string termStr, float minSimilarity) =>
            throw new ParseException($"模糊查询不受支持 / fuzzy queries are not supported: '{termStr}'");

        protected override Query GetRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive) =>
            throw new ParseException("范围查询不受支持 / range queries are not supported; use the yearFrom and yearTo filters");

        protected override Query? GetRegexpQuery(string field, string termStr) => Term(field, termStr, slop: 0, quoted: false);

        private static Scope ScopeOf(string field) => field switch
        {
            AllFields => Scope.Title | Scope.Body | Scope.Place,
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
