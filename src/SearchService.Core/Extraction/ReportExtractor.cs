namespace SearchService.Extraction;

/// <summary>Turns one raw report file (bytes as on disk) into clean text and metadata.</summary>
public sealed class ReportExtractor
{
    public ExtractedReport Extract(string fileName, ReadOnlySpan<byte> content)
    {
        var text = System.Text.Encoding.UTF8.GetString(content);
        return new ExtractedReport { Title = Path.GetFileNameWithoutExtension(fileName), Text = text, Region = Region.Unknown };
    }
}
