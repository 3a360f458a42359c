using System.Buffers.Binary;
using System.Reflection;
using System.Text;
using ICU4N.Text;
using ICU4N.Util;

namespace SearchService.Analysis;

/// <summary>
/// Splits a run of Chinese or Japanese characters into words with ICU's CJK dictionary, by the same dynamic
/// program as ICU's CJK break engine: of all the ways to cut the run into dictionary words (and unknown single
/// characters), the one whose words' costs add up least, ties to the shorter word first. ICU's engine copies each
/// run into a new string, normalizes it, allocates its tables, makes a new trie cursor per character and looks
/// every break up in a list; this reads the folded text in place with one cursor and tables reused, at about three
/// times the speed, with the same words. One instance per thread: the cursor and tables are its state.
/// </summary>
public sealed class CjkDictionary
{
    private const int MaxWordLength = 20;
    private const int UnknownCharacterCost = 255;
    private const int MaxKatakanaRun = 20;

    // ICU's costs of a run of katakana read as one word, by its length from 1 to 8; longer runs cost the most.
    private static readonly int[] KatakanaCost = [984, 408, 240, 204, 252, 300, 372, 480];
    private const int LongKatakanaCost = 8192;

    // Loaded when the type is first used (Warm), in this order.
    private static readonly string Trie = LoadTrie();
    private static readonly RunCharacter[] Kinds = ClassifyCharacters();

    // The trie's state after each character as a word's first: its root branches over some 20,000 characters, and
    // finding one there is the costliest step of a look-up, made once per character of the text.
    private static readonly (CharsTrieState? State, Result Result)[] FirstSteps = TakeFirstSteps();

    private readonly CharsTrie _cursor = new(Trie, 0);
    private int[] _cost = new int[64];
    private int[] _previous = new int[64];

    /// <summary>How a UTF-16 character takes part in a dictionary run.</summary>
    public enum RunCharacter : byte
    {
        /// <summary>Not a character the dictionary splits: ICU's rules read it.</summary>
        None,

        /// <summary>Han, hiragana or katakana, normalized: <see cref="Split"/> reads it.</summary>
        Dictionary,

        /// <summary>Han, hiragana or katakana that NFKC changes (a Kangxi radical, a half-width kana): ICU normalizes the run first, so ICU reads it.</summary>
        Unnormalized,
    }

    /// <summary>Loads the dictionary and the character tables now (~0.2 s), so the first request does not pay for them.</summary>
    public static void Warm() => _ = Kinds.Length;

    public static RunCharacter KindOf(char c) => Kinds[c];

    /// <summary>
    /// Adds to <paramref name="ends"/> the end of each word of <paramref name="run"/> (every character of it
    /// <see cref="RunCharacter.Dictionary"/>), relative to the run's start, in order; the last is the run's length.
    /// </summary>
    public void Split(ReadOnlySpan<char> run, List<int> ends)
    {
        var n = run.Length;
        if (_cost.Length <= n)
        {
            _cost = new int[2 * n];
            _previous = new int[2 * n];
        }

        // _cost[i]: least cost of the words before i; _previous[i]: where the last of them begins.
        var cost = _cost;
        var previous = _previous;
        cost[0] = 0;
        cost.AsSpan(1, n).Fill(int.MaxValue);
        var previousIsKatakana = false;
        // Every position is reached: the character before it is a word of the dictionary or an unknown one. (ICU
        // skips positions it has not reached, which therefore never happens.)
        for (var i = 0; i < n; i++)
        {
            var longest = Math.Min(MaxWordLength, n - i);
            var (state, result) = FirstSteps[run[i]];
            if (state is not null)
            {
                _cursor.ResetToState(state);
            }

            var singleIsWord = false;
            for (var length = 1; ; length++)
            {
                if (result.HasValue())
                {
                    singleIsWord |= length == 1;
                    Relax(i, i + length, _cursor.GetValue());
                    if (result == Result.FinalValue)
                    {
                        break;
                    }
                }
                else if (result == Result.NoMatch)
                {
                    break;
                }

                if (length >= longest)
                {
                    break;
                }

                result = _cursor.Next(run[i + length]);
            }

            if (!singleIsWord)
            {
                Relax(i, i + 1, UnknownCharacterCost);
            }

            // Single katakana are rare words: a run of them is also tried whole, at a cost by its length.
            var isKatakana = IsKatakana(run[i]);
            if (isKatakana && !previousIsKatakana)
            {
                var end = i + 1;
                while (end < n && end - i < MaxKatakanaRun && IsKatakana(run[end]))
                {
                    end++;
                }

                var length = end - i;
                if (length < MaxKatakanaRun)
                {
                    Relax(i, end, length <= KatakanaCost.Length ? KatakanaCost[length - 1] : LongKatakanaCost);
                }
            }

            previousIsKatakana = isKatakana;
        }

        var first = ends.Count;
        for (var end = n; end > 0; end = previous[end])
        {
            ends.Add(end);
        }

        ends.Reverse(first, ends.Count - first);

        void Relax(int start, int end, int wordCost)
        {
            var total = cost[start] + wordCost;
            if (total < cost[end])
            {
                cost[end] = total;
                previous[end] = start;
            }
        }
    }

    private static bool IsKatakana(char c) => c is >= '\u30A1' and <= '\u30FE' and not '\u30FB' or >= '\uFF66' and <= '\uFF9F';

    /// <summary>The characters ICU's CJK engine splits by its dictionary: Han, hiragana, katakana and the prolonged sound marks.</summary>
    private static RunCharacter[] ClassifyCharacters()
    {
        var cjk = new UnicodeSet("[[:Han:][:Katakana:][:Hiragana:]\\uFF9E\\uFF9F\\uFF70\\u30FC]").Freeze();
        var nfkc = Normalizer2.NFKCInstance;
        var kinds = new RunCharacter[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (!char.IsSurrogate((char)c) && cjk.Contains(c))
            {
                kinds[c] = nfkc.IsNormalized(((char)c).ToString()) ? RunCharacter.Dictionary : RunCharacter.Unnormalized;
            }
        }

        return kinds;
    }

    private static (CharsTrieState?, Result)[] TakeFirstSteps()
    {
        var cursor = new CharsTrie(Trie, 0);
        var steps = new (CharsTrieState?, Result)[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var result = cursor.Reset().First(c);
            var state = result == Result.NoMatch ? null : new CharsTrieState();
            if (state is not null)
            {
                cursor.SaveState(state);
            }

            steps[c] = (state, result);
        }

        return steps;
    }

    /// <summary>
    /// The trie of ICU's CJK dictionary (word → cost), read from the data ICU4N ships: an ICU data file (a header
    /// naming the format "Dict", big-endian) whose indexes say where the UTF-16 trie begins and ends.
    /// </summary>
    private static string LoadTrie()
    {
        const string resource = "data.brkitr.cjdict.dict";
        using var stream = Assembly.Load("ICU4N.resources").GetManifestResourceStream(resource)
            ?? throw new InvalidDataException($"ICU4N.resources holds no {resource}");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);

        var headerSize = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        var format = Encoding.ASCII.GetString(bytes, 12, 4);
        if (bytes[2] != 0xDA || bytes[3] != 0x27 || bytes[8] != 1 || bytes[10] != 2 || format != "Dict")
        {
            throw new InvalidDataException($"{resource} is not a big-endian ICU dictionary (format '{format}')");
        }

        var data = bytes.AsSpan(headerSize);
        var trieStart = BinaryPrimitives.ReadInt32BigEndian(data);
        var trieEnd = BinaryPrimitives.ReadInt32BigEndian(data[12..]);
        var trieType = BinaryPrimitives.ReadInt32BigEndian(data[16..]);
        const int charsTrieWithValues = 1 | 8;
        if (trieType != charsTrieWithValues)
        {
            throw new InvalidDataException($"{resource} holds a trie of type {trieType}, not UTF-16 with values");
        }

        var trie = new char[(trieEnd - trieStart) / 2];
        for (var i = 0; i < trie.Length; i++)
        {
            trie[i] = (char)BinaryPrimitives.ReadUInt16BigEndian(data[(trieStart + (2 * i))..]);
        }

        return new string(trie);
    }
}
