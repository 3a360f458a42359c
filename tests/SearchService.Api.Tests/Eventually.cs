namespace SearchService.Api;

/// <summary>Polls a condition until it holds or the deadline passes: no fixed sleeps.</summary>
internal static class Eventually
{
    public static async Task True(Func<Task<bool>> condition, string what, double seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {seconds} s waiting until {what}.");
            }

            await Task.Delay(50);
        }
    }
}
