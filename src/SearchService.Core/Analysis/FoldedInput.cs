namespace SearchService.Analysis;

/// <summary>The tokenizers' input, read whole and folded.</summary>
internal static class FoldedInput
{
    /// <summary>
    /// Reads <paramref name="input"/> to its end into <paramref name="buffer"/> (grown as needed) and folds it;
    /// returns the length. Field values are in memory anyway, and chunked reading could cut a word in two.
    /// </summary>
    public static int Read(TextReader input, ref char[] buffer)
    {
        var length = 0;
        int read;
        while ((read = input.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }

        CharacterFolding.Fold(buffer.AsSpan(0, length));
        return length;
    }
}
