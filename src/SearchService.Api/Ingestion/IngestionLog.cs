namespace SearchService.Api.Ingestion;

internal static partial class IngestionLog
{
    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Rejected {Path}: {Reason}")]
    public static partial void FileRejected(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Start-up scan: {Indexed} reports indexed, {Unchanged} unchanged, {Deleted} removed, {Rejected} rejected, in {ElapsedMs} ms")]
    public static partial void ScanFinished(ILogger logger, long indexed, long unchanged, long deleted, long rejected, long elapsedMs);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Index folder held another schema version; rebuilding it from the corpus")]
    public static partial void Rebuilding(ILogger logger);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Watching {Folder} lost events ({Reason}); rescanning it")]
    public static partial void WatcherOverflow(ILogger logger, string folder, string reason);

    [LoggerMessage(EventId = 14, Level = LogLevel.Debug, Message = "Indexed {Id}")]
    public static partial void Indexed(ILogger logger, string id);
}
