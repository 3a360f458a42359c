using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SearchService.Search;

/// <summary>
/// A position in a sorted result list: the version of the searcher that produced it, so the next page reads the
/// same point in time (reports added since neither repeat nor push aside what was seen), and the sort values of the
/// last hit (score or date, then id), which place it in a newer searcher once that version is no longer kept.
/// </summary>
public sealed record PageCursor(long Version, FieldDoc After)
{
    /// <summary>The order of the search that issued the cursor: its values are that sort's, so it continues no other.</summary>
    public SearchSort Sort => After.Fields[0] is J2N.Numerics.Int64 ? SearchSort.Date : SearchSort.Relevance;

    public static string Encode(long version, FieldDoc last)
    {
        // Lucene.Net boxes sort values as J2N numbers.
        var parts = last.Fields.Select(f => f switch
        {
            J2N.Numerics.Single score => "s" + score.ToSingle().ToString("R", CultureInfo.InvariantCulture),
            J2N.Numerics.Int64 date => "d" + date.ToInt64().ToString(CultureInfo.InvariantCulture),
            BytesRef id => "i" + id.Utf8ToString(),
            _ => throw new InvalidOperationException($"unexpected sort value {f.GetType()}"),
        });
        var versionPart = "v" + version.ToString(CultureInfo.InvariantCulture);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\u001f', parts.Prepend(versionPart))));
    }

    public static bool TryDecode(string text, out PageCursor cursor)
    {
        cursor = null!;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('\u001f');
            if (parts.Length < 2 || parts[0].Length < 2 || parts[0][0] != 'v')
            {
                return false;
            }

            var fields = parts[1..].Select(Value).ToArray();
            var score = fields.OfType<J2N.Numerics.Single>().Select(s => s.ToSingle()).FirstOrDefault(float.NaN);
            cursor = new PageCursor(long.Parse(parts[0].AsSpan(1), CultureInfo.InvariantCulture), new FieldDoc(int.MaxValue, score, fields));
            // Only the shapes the two sorts issue: (score, id) and (date, score, id).
            return fields is [J2N.Numerics.Single, BytesRef] or [J2N.Numerics.Int64, J2N.Numerics.Single, BytesRef];
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static object Value(string part) => part[0] switch
    {
        's' => J2N.Numerics.Single.GetInstance(float.Parse(part.AsSpan(1), CultureInfo.InvariantCulture)),
        'd' => J2N.Numerics.Int64.GetInstance(long.Parse(part.AsSpan(1), CultureInfo.InvariantCulture)),
        'i' => new BytesRef(part[1..]),
        _ => throw new FormatException("unknown cursor part"),
    };
}
