using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace SearchService.Search;

/// <summary>
/// A phrase matched and scored as Lucene's <see cref="PhraseQuery"/> would (the same hits, phrase frequencies and
/// BM25 scores, with or without slop), with its terms' segment states from the searcher's cache and leaner position
/// checks. Every term of five or more characters is an exact phrase, and every query of several terms a sloppy one
/// (the proximity clause); Lucene.Net's scorers spend about a third more per matching report on the exact ones and
/// more still on the sloppy ones.
/// </summary>
/// <remarks>
/// An exact phrase that many reports of a segment hold is read from its kept list (<see cref="PostingsListCache"/>)
/// once it has been searched before: the same reports and frequencies, without reading positions.
/// A sloppy phrase that repeats a term is left to Lucene's scorer: its handling of repeats is what defines the score.
/// </remarks>
public class ReportPhraseQuery : PhraseQuery
{
    public override Weight CreateWeight(IndexSearcher searcher) =>
        Slop == 0 || GetTerms().Distinct().Count() == GetTerms().Length ? new ReportPhraseWeight(this, searcher) : base.CreateWeight(searcher);

    private sealed class ReportPhraseWeight : Weight
    {
        private readonly ReportPhraseQuery _query;
        private readonly Term[] _terms;
        private readonly int[] _positions;
        private readonly TermContext[] _states;
        private readonly Similarity _similarity;
        private readonly Similarity.SimWeight _stats;
        private readonly PostingsListCache? _kept;
        private readonly string _key;
        private readonly bool _searchedBefore;

        public ReportPhraseWeight(ReportPhraseQuery query, IndexSearcher searcher)
        {
            _query = query;
            _terms = query.GetTerms();
            _positions = query.GetPositions();
            _similarity = searcher.Similarity;
            _states = new TermContext[_terms.Length];
            var statistics = new TermStatistics[_terms.Length];
            for (var i = 0; i < _terms.Length; i++)
            {
                _states[i] = searcher is ReportIndexSearcher cached ? cached.TermStates(_terms[i]) : TermContext.Build(searcher.TopReaderContext, _terms[i]);
                statistics[i] = searcher.TermStatistics(_terms[i], _states[i]);
            }

            _stats = _similarity.ComputeWeight(query.Boost, searcher.CollectionStatistics(_terms[0].Field), statistics);
            if (query.Slop == 0 && searcher is ReportIndexSearcher { PostingsLists: { } kept })
            {
                _kept = kept;
                _key = $"{_terms[0].Field}:{string.Join(' ', _terms.Select((t, i) => $"{t.Text}@{_positions[i]}"))}";
                _searchedBefore = kept.SearchedBefore(_key);
            }
            else
            {
                _key = "";
            }
        }

        public override Query Query => _query;

        public override float GetValueForNormalization() => _stats.GetValueForNormalization();

        public override void Normalize(float queryNorm, float topLevelBoost) => _stats.Normalize(queryNorm, topLevelBoost);

        public override Scorer? GetScorer(AtomicReaderContext context, IBits? acceptDocs)
        {
            if (_kept?.Get(context.AtomicReader, _key) is { } list)
            {
                return Kept(list, context, acceptDocs);
            }

            var scorer = Read(context, acceptDocs);
            if (_kept is null || !_searchedBefore || scorer is not ExactPhraseScorer { LeadDocFreq: var reports } || !_kept.Admits(_key, reports))
            {
                return scorer;
            }

            // Built once per segment, with its deleted reports: deletions change between readers of one segment. A
            // segment without deletions has just been read whole.
            var whole = acceptDocs is null ? scorer : Read(context, acceptDocs: null);
            list = PostingsListCache.Postings.ReadAll(whole!);
            _kept.Add(context.AtomicReader, _key, list);
            return Kept(list, context, acceptDocs);
        }

        private ReportsScorer<PostingsReports> Kept(PostingsListCache.Postings list, AtomicReaderContext context, IBits? acceptDocs) =>
            new(this, new PostingsReports(list.Read(acceptDocs), _similarity.GetSimScorer(_stats, context)));

        /// <summary>The phrase read from the segment's postings.</summary>
        private PhraseScorer? Read(AtomicReaderContext context, IBits? acceptDocs)
        {
            if (context.AtomicReader.GetTerms(_terms[0].Field) is not { } fieldTerms)
            {
                return null;
            }

            var termsEnum = fieldTerms.GetEnumerator();
            var postings = new TermPostings[_terms.Length];
            for (var i = 0; i < _terms.Length; i++)
            {
                if (_states[i].Get(context.Ord) is not { } state)
                {
                    return null; // a term missing from the segment: no report in it holds the phrase
                }

                termsEnum.SeekExact(_terms[i].Bytes, state);
                var positions = termsEnum.DocsAndPositions(acceptDocs, null, DocsAndPositionsFlags.NONE)
                    ?? throw new InvalidOperationException($"field {_terms[i].Field} was indexed without positions");
                postings[i] = new TermPostings(positions, _positions[i], i, termsEnum.DocFreq);
            }

            var docScorer = _similarity.GetSimScorer(_stats, context);
            return _query.Slop == 0
                ? new ExactPhraseScorer(this, postings, docScorer)
                : new SloppyPhraseScorer(this, postings, _query.Slop, docScorer);
        }

        public override Explanation Explain(AtomicReaderContext context, int doc)
        {
            if (Read(context, context.AtomicReader.LiveDocs) is { } scorer && scorer.Advance(doc) == doc)
            {
                var frequency = scorer.PhraseFrequency;
                var score = _similarity.GetSimScorer(_stats, context).Explain(doc, new Explanation(frequency, $"phraseFreq={frequency}"));
                var result = new ComplexExplanation(true, score.Value, $"weight({Query} in {doc}) [{_similarity.GetType().Name}], result of:");
                result.AddDetail(score);
                return result;
            }

            return new ComplexExplanation(false, 0f, "no matching term");
        }
    }

    /// <summary>One term's postings, its place in the phrase, and its order among the query's terms.</summary>
    private sealed record TermPostings(DocsAndPositionsEnum Enum, int Offset, int Order, int DocFreq);

    /// <summary>The reports holding every term, rarest term leading, kept where the phrase frequency is above zero.</summary>
    private abstract class PhraseScorer : Scorer
    {
        private readonly DocsAndPositionsEnum _lead;
        private int _doc = -1;

        protected PhraseScorer(Weight weight, TermPostings[] postings, Similarity.SimScorer docScorer)
            : base(weight)
        {
            DocScorer = docScorer;
            ByRarity = [.. postings.OrderBy(p => p.DocFreq)];
            _lead = ByRarity[0].Enum;
        }

        /// <summary>The phrase's frequency in the current document, as the similarity scores it.</summary>
        public float PhraseFrequency { get; private set; }

        public override int DocID => _doc;

        public override float GetScore() => DocScorer.Score(_doc, PhraseFrequency);

        public override int NextDoc() => _doc = NextMatch(_lead.NextDoc());

        public override int Advance(int target) => _doc = NextMatch(_lead.Advance(target));

        public override long GetCost() => _lead.GetCost();

        protected Similarity.SimScorer DocScorer { get; }

        /// <summary>The terms, rarest first: the first leads through the documents.</summary>
        protected TermPostings[] ByRarity { get; }

        /// <summary>Documents of the segment holding the rarest term: the most that can hold the phrase.</summary>
        public int LeadDocFreq => ByRarity[0].DocFreq;

        /// <summary>The phrase frequency in the document all terms are on (positions not read yet); zero when it is not there.</summary>
        protected abstract float Frequency();

        /// <summary>From the lead's document <paramref name="doc"/> on, the first document where the phrase stands.</summary>
        private int NextMatch(int doc)
        {
            while (doc != NO_MORE_DOCS)
            {
                var agreed = doc;
                for (var i = 1; i < ByRarity.Length && agreed == doc; i++)
                {
                    var other = ByRarity[i].Enum;
                    agreed = other.DocID < doc ? other.Advance(doc) : other.DocID;
                }

                if (agreed != doc)
                {
                    doc = _lead.Advance(agreed);
                }
                else if ((PhraseFrequency = Frequency()) > 0)
                {
                    return doc;
                }
                else
                {
                    doc = _lead.NextDoc();
                }
            }

            return NO_MORE_DOCS;
        }
    }

    /// <summary>How many times the phrase starts in the document: the rarest term's starts kept by every other term.</summary>
    private sealed class ExactPhraseScorer(Weight weight, TermPostings[] postings, Similarity.SimScorer docScorer)
        : PhraseScorer(weight, postings, docScorer)
    {
        private int[] _candidates = new int[16];

        public override int Freq => (int)PhraseFrequency;

        protected override float Frequency()
        {
            var lead = ByRarity[0];
            var count = lead.Enum.Freq;
            if (_candidates.Length < count)
            {
                _candidates = new int[ArrayUtil.Oversize(count, sizeof(int))];
            }

            for (var i = 0; i < count; i++)
            {
                _candidates[i] = lead.Enum.NextPosition() - lead.Offset;
            }

            for (var t = 1; t < ByRarity.Length && count > 0; t++)
            {
                count = Keep(ByRarity[t], count);
            }

            return count;
        }

        /// <summary>Keeps the first <paramref name="count"/> candidates that the term also starts, reading its positions only while candidates remain.</summary>
        private int Keep(TermPostings term, int count)
        {
            var positions = term.Enum;
            var left = positions.Freq;
            var kept = 0;
            var next = 0;
            while (left-- > 0 && next < count)
            {
                var start = positions.NextPosition() - term.Offset;
                while (next < count && _candidates[next] < start)
                {
                    next++;
                }

                if (next < count && _candidates[next] == start)
                {
                    _candidates[kept++] = start;
                    next++;
                }
            }

            return kept;
        }
    }

    /// <summary>
    /// Lucene's sloppy phrase frequency for distinct terms: walking the terms' positions in order, each shortest
    /// window holding them all at most <c>slop</c> long adds the similarity's slop factor of its length.
    /// </summary>
    private sealed class SloppyPhraseScorer : PhraseScorer
    {
        private readonly TermPostings[] _terms;
        private readonly int _slop;
        private readonly int[] _position;
        private readonly int[] _left;
        private int _matches;

        public SloppyPhraseScorer(Weight weight, TermPostings[] postings, int slop, Similarity.SimScorer docScorer)
            : base(weight, postings, docScorer)
        {
            _terms = postings;
            _slop = slop;
            _position = new int[postings.Length];
            _left = new int[postings.Length];
        }

        public override int Freq => _matches;

        protected override float Frequency()
        {
            var end = int.MinValue;
            for (var i = 0; i < _terms.Length; i++)
            {
                _left[i] = _terms[i].Enum.Freq;
                Advance(i, ref end);
            }

            var freq = 0f;
            _matches = 0;
            var current = First(except: -1);
            var matchLength = end - _position[current];
            var next = _position[First(except: current)];
            while (Advance(current, ref end))
            {
                if (_position[current] > next)
                {
                    // The window starting at the earliest term is as short as it gets: count it, move on to the next earliest.
                    Count(matchLength, ref freq);
                    current = First(except: -1);
                    next = _position[First(except: current)];
                    matchLength = end - _position[current];
                }
                else
                {
                    matchLength = Math.Min(matchLength, end - _position[current]);
                }
            }

            Count(matchLength, ref freq);
            return freq;
        }

        private void Count(int matchLength, ref float freq)
        {
            if (matchLength <= _slop)
            {
                freq += DocScorer.ComputeSlopFactor(matchLength);
                _matches++;
            }
        }

        /// <summary>Moves term <paramref name="i"/> to its next position (relative to its place in the phrase); false when it has none left.</summary>
        private bool Advance(int i, ref int end)
        {
            if (_left[i]-- <= 0)
            {
                return false;
            }

            _position[i] = _terms[i].Enum.NextPosition() - _terms[i].Offset;
            end = Math.Max(end, _position[i]);
            return true;
        }

        /// <summary>The term standing earliest (ties by place in the phrase, then query order), leaving out <paramref name="except"/>.</summary>
        private int First(int except)
        {
            var best = -1;
            for (var i = 0; i < _terms.Length; i++)
            {
                if (i != except && (best < 0 || Before(i, best)))
                {
                    best = i;
                }
            }

            return best;
        }

        private bool Before(int a, int b) =>
            _position[a] != _position[b] ? _position[a] < _position[b]
            : _terms[a].Offset != _terms[b].Offset ? _terms[a].Offset < _terms[b].Offset
            : _terms[a].Order < _terms[b].Order;
    }
}
