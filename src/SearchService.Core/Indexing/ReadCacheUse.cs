namespace SearchService.Indexing;

/// <summary>
/// How the read cache has served searches since the index was opened: a hit rate far below one means the blocks
/// searches keep coming back to do not fit in <see cref="ReportIndexOptions.ReadCacheMB"/>.
/// </summary>
/// <param name="HeldMB">Memory the blocks held now take.</param>
/// <param name="Lookups">Blocks searches asked for.</param>
/// <param name="Reads">Blocks read from files because they were not held.</param>
public sealed record ReadCacheUse(double HeldMB, long Lookups, long Reads)
{
    public double HitRate => Lookups == 0 ? 0 : 1 - (double)Reads / Lookups;
}
