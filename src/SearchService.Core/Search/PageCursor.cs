using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SearchService.Search;

/// <summary>
/// A position in a sorted result list, as the sort values of its last hit (score or date, then id). Reports added
/// later fall before or after it by the same sort, so the next page neither repeats nor skips what was seen.
/// </summary>
public static class PageCursor
{
    public static string Encode(FieldDoc last)
    {
        // Lucene.Net boxes sort values as J2N numbers.
        var parts = last.Fields.Select(f => f switch
        {
            J2N.Numerics.Single score => "s" + score.ToSingle().ToString("R", CultureInfo.InvariantCulture),
            J2N.Numerics.Int64 date => "d" + date.ToInt64().ToString(CultureInfo.InvariantCulture),
            BytesRef id => "i" + id.Utf8ToString(),
            _ => throw new InvalidOperationException($"unexpected sort value {f.GetType()}"),
        });
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
    }

    public static bool TryDecode(string cursor, out FieldDoc after)
    {
        after = null!;
        try
        {
            var fields = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('\u001f').Select(Value).ToArray();
            var score = fields.OfType<J2N.Numerics.Single>().Select(s => s.ToSingle()).FirstOrDefault(float.NaN);
            after = new FieldDoc(int.MaxValue, score, fields);
            return fields.Length > 0 && fields[^1] is BytesRef;
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
