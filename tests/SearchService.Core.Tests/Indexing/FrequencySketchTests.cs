using CsCheck;

namespace SearchService.Indexing;

public sealed class FrequencySketchTests
{
    [Fact]
    public void AnEstimateIsNeverBelowTheUsesCountedAndMostlyEqualToThem()
    {
        var sketch = new FrequencySketch(keys: 1_000);
        var random = new Random(3);
        var hashes = Enumerable.Range(0, 1_000).Select(_ => (ulong)random.NextInt64()).ToArray();
        for (var i = 0; i < hashes.Length; i++)
        {
            for (var use = 0; use < i % 5; use++)
            {
                sketch.Increment(hashes[i]);
            }
        }

        var exact = 0;
        for (var i = 0; i < hashes.Length; i++)
        {
            Assert.True(sketch.Estimate(hashes[i]) >= i % 5, $"key {i}");
            exact += sketch.Estimate(hashes[i]) == i % 5 ? 1 : 0;
        }

        Assert.True(exact > 950, $"{exact} of 1000 exact");
    }

    [Fact]
    public void NoKeyIsEverEstimatedBelowItsUses()
    {
        // Up to 800 uses of 40 keys in any order, in a sketch sized for 100.
        Gen.Int[0, 39].Array[0, 800].Sample(uses =>
        {
            var sketch = new FrequencySketch(keys: 100);
            foreach (var key in uses)
            {
                sketch.Increment(Hash(key));
            }

            foreach (var group in uses.GroupBy(key => key))
            {
                Assert.True(sketch.Estimate(Hash(group.Key)) >= Math.Min(15, group.Count()), $"key {group.Key} used {group.Count()} times");
            }
        });

        static ulong Hash(int key) => (ulong)key * 0xBF58_476D_1CE4_E5B9UL + 1;
    }

    [Fact]
    public void CountsStopAtFifteenAndHalving()
    {
        var sketch = new FrequencySketch(keys: 10);
        const ulong hot = 0x1234_5678_9ABC_DEF0;
        const ulong warm = 0x0FED_CBA9_8765_4321;
        for (var use = 0; use < 20; use++)
        {
            sketch.Increment(hot);
        }

        sketch.Increment(warm);
        sketch.Increment(warm);
        sketch.Increment(warm);
        Assert.Equal(15, sketch.Estimate(hot));
        Assert.Equal(3, sketch.Estimate(warm));

        sketch.Halve();
        Assert.Equal(7, sketch.Estimate(hot));
        Assert.Equal(1, sketch.Estimate(warm));
    }
}
