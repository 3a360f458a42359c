using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace SearchService.Search;

/// <summary>
/// A phrase whose terms must stand exactly at their relative positions, matched and scored as Lucene's
/// <see cref="PhraseQuery"/> with no slop would (the same hits, phrase frequencies and BM25 scores), with its
/// terms' segment states from the searcher's cache and a leaner position check: every term of three or more
/// characters is such a phrase, and Lucene.Net's exact phrase scorer spends about a third more per matching report.
/// </summary>
/// <remarks>
/// The positions are checked by merging each term's sorted list against the candidates left by the terms before
/// it, rarest term first, and a term's list is read only as far as a candidate remains. With a slop set, Lucene's
/// sloppy scorer runs as before.
/// </remarks>
public sealed class ExactPhraseQuery : PhraseQuery
{
    public override Weight CreateWeight(IndexSearcher searcher) => Slop == 0 ? new ExactPhraseWeight(this, searcher) : base.CreateWeight(searcher);

    private sealed class ExactPhraseWeight : Weight
    {
        private readonly ExactPhraseQuery _query;
        private readonly Term[] _terms;
        private readonly int[] _positions;
        private readonly TermContext[] _states;
        private readonly Similarity _similarity;
        private readonly Similarity.SimWeight _stats;

        public ExactPhraseWeight(ExactPhraseQuery query, IndexSearcher searcher)
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
        }

        public override Query Query => _query;

        public override float GetValueForNormalization() => _stats.GetValueForNormalization();

        public override void Normalize(float queryNorm, float topLevelBoost) => _stats.Normalize(queryNorm, topLevelBoost);

        public override Scorer? GetScorer(AtomicReaderContext context, IBits? acceptDocs)
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
                postings[i] = new TermPostings(positions, _positions[i], termsEnum.DocFreq);
            }

            // Rarest first: it leads the document intersection, and its positions are the fewest candidates.
            Array.Sort(postings, (a, b) => a.DocFreq.CompareTo(b.DocFreq));
            return new ExactPhraseScorer(this, postings, _similarity.GetSimScorer(_stats, context));
        }

        public override Explanation Explain(AtomicReaderContext context, int doc)
        {
            if (GetScorer(context, context.AtomicReader.LiveDocs) is { } scorer && scorer.Advance(doc) == doc)
            {
                var score = _similarity.GetSimScorer(_stats, context).Explain(doc, new Explanation(scorer.Freq, $"phraseFreq={scorer.Freq}"));
                var result = new ComplexExplanation(true, score.Value, $"weight({Query} in {doc}) [{_similarity.GetType().Name}], result of:");
                result.AddDetail(score);
                return result;
            }

            return new ComplexExplanation(false, 0f, "no matching term");
        }
    }

    private sealed record TermPostings(DocsAndPositionsEnum Enum, int Offset, int DocFreq);

    private sealed class ExactPhraseScorer(Weight weight, TermPostings[] postings, Similarity.SimScorer docScorer) : Scorer(weight)
    {
        private readonly DocsAndPositionsEnum _lead = postings[0].Enum;
        private int[] _candidates = new int[16];
        private int _doc = -1;
        private int _freq;

        public override int DocID => _doc;

        public override int Freq => _freq;

        public override float GetScore() => docScorer.Score(_doc, _freq);

        public override int NextDoc() => _doc = NextMatch(_lead.NextDoc());

        public override int Advance(int target) => _doc = NextMatch(_lead.Advance(target));

        public override long GetCost() => _lead.GetCost();

        /// <summary>From the lead's document <paramref name="doc"/> on, the first document where the whole phrase stands.</summary>
        private int NextMatch(int doc)
        {
            while (doc != NO_MORE_DOCS)
            {
                var agreed = doc;
                for (var i = 1; i < postings.Length && agreed == doc; i++)
                {
                    var other = postings[i].Enum;
                    agreed = other.DocID < doc ? other.Advance(doc) : other.DocID;
                }

                if (agreed != doc)
                {
                    doc = _lead.Advance(agreed);
                }
                else if ((_freq = PhraseFreq()) > 0)
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

        /// <summary>How many times the phrase starts in the current document: the lead's starts kept by every other term.</summary>
        private int PhraseFreq()
        {
            var count = _lead.Freq;
            if (_candidates.Length < count)
            {
                _candidates = new int[ArrayUtil.Oversize(count, sizeof(int))];
            }

            var offset = postings[0].Offset;
            for (var i = 0; i < count; i++)
            {
                _candidates[i] = _lead.NextPosition() - offset;
            }

            for (var t = 1; t < postings.Length && count > 0; t++)
            {
                count = Keep(postings[t], count);
            }

            return count;
        }

        /// <summary>Keeps the first <paramref name="count"/> candidates that the term also starts, reading its positions only while candidates remain.</summary>
        private int Keep(TermPostings term, int count)
        {
            var (positions, offset) = (term.Enum, term.Offset);
            var left = positions.Freq;
            var kept = 0;
            var next = 0;
            while (left-- > 0 && next < count)
            {
                var start = positions.NextPosition() - offset;
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
}
