
namespace GateForge.Training.Tests;

public sealed class SyntheticTests
{
    private static int Pattern(Dataset d, int row)
    {
        var p = 0;
        for (var i = 0; i < d.FeatureCount; i++)
            p |= (int)d[row, i] << i;
        return p;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(10)]
    public void Parity_lists_every_pattern_with_its_xor(int bits)
    {
        var (train, test) = Synthetic.Parity(bits);
        Assert.Same(train, test);
        Assert.Equal(1 << bits, train.Count);
        Assert.Equal($"parity{bits}", train.Name);
        Assert.Equal("b[0]", train.FeatureNames[0]);
        for (var r = 0; r < train.Count; r++)
        {
            Assert.Equal(r, Pattern(train, r));
            var xor = 0;
            for (var i = 0; i < bits; i++)
                xor ^= (int)train[r, i];
            Assert.Equal(xor, train.Labels[r]);
        }
        Assert.All(train.Features, v => Assert.True(v is 0f or 1f));
    }

    [Fact]
    public void Majority_and_and_and_popcount()
    {
        var majority = Synthetic.Majority(5).Train;
        var and = Synthetic.And(3).Train;
        var popcount = Synthetic.PopCount(3).Train;
        for (var r = 0; r < 32; r++)
            Assert.Equal(int.PopCount(r) >= 3 ? 1 : 0, majority.Labels[r]);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 1], and.Labels);
        Assert.Equal(4, popcount.ClassCount);
        Assert.Equal([0, 1, 1, 2, 1, 2, 2, 3], popcount.Labels);
    }

    [Fact]
    public void Comparator_compares_the_low_half_with_the_high_half()
    {
        var d = Synthetic.Comparator(3).Train;
        Assert.Equal(64, d.Count);
        for (var r = 0; r < d.Count; r++)
            Assert.Equal((r & 7) > (r >> 3) ? 1 : 0, d.Labels[r]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    public void Width_outside_range_is_refused(int bits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Synthetic.Parity(bits));
    }
}
