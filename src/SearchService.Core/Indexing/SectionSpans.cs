using Lucene.Net.Util;
using SearchService.Extraction;

namespace SearchService.Indexing;

/// <summary>Sections' kinds and spans packed in doc values: one kind byte and two 32-bit offsets each.</summary>
public static class SectionSpans
{
    private const int Width = 9;

    private static readonly string[] Kinds =
        [SectionKinds.Achievements, SectionKinds.Problems, SectionKinds.LeaderDuties, SectionKinds.NextYearPlan, SectionKinds.Other];

    public static IReadOnlyList<string> AllKinds => Kinds;

    public static BytesRef Encode(IReadOnlyList<ReportSection> sections)
    {
        var bytes = new byte[sections.Count * Width];
        for (var i = 0; i < sections.Count; i++)
        {
            var at = i * Width;
            bytes[at] = (byte)Math.Max(0, Array.IndexOf(Kinds, sections[i].Kind));
            BitConverter.TryWriteBytes(bytes.AsSpan(at + 1, 4), sections[i].Start);
            BitConverter.TryWriteBytes(bytes.AsSpan(at + 5, 4), sections[i].End);
        }

        return new BytesRef(bytes);
    }

    /// <summary>Whether [start, end) lies inside a section whose kind is in <paramref name="kinds"/> (indexes into <see cref="AllKinds"/>).</summary>
    public static bool Contains(BytesRef encoded, bool[] kinds, int start, int end)
    {
        var bytes = encoded.Bytes.AsSpan(encoded.Offset, encoded.Length);
        for (var at = 0; at + Width <= bytes.Length; at += Width)
        {
            if (kinds[bytes[at]] && BitConverter.ToInt32(bytes[(at + 1)..]) <= start && end <= BitConverter.ToInt32(bytes[(at + 5)..]))
            {
                return true;
            }
        }

        return false;
    }

    public static bool HasKind(BytesRef encoded, bool[] kinds)
    {
        for (var at = 0; at + Width <= encoded.Length; at += Width)
        {
            if (kinds[encoded.Bytes[encoded.Offset + at]])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The kind flags for the given names; unknown names are ignored.</summary>
    public static bool[] KindSet(IEnumerable<string> names)
    {
        var set = new bool[Kinds.Length];
        foreach (var name in names)
        {
            if (Array.IndexOf(Kinds, name) is var i and >= 0)
            {
                set[i] = true;
            }
        }

        return set;
    }
}
