namespace SearchService.Evaluation;

internal static class AccuracyCommand
{
    public static int Run(string[] args) => 0;
}
