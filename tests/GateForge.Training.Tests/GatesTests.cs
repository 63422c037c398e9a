
namespace GateForge.Training.Tests;

public sealed class GatesTests
{
    [Fact]
    public void Coefficients_reproduce_every_truth_table_and_the_spec_relaxations()
    {
        var m = Gates.CoefficientMatrix();
        for (var g = 0; g < 16; g++)
        {
            var (f00, f01, f10, f11) = Gates.TruthTable(g);
            float Relax(float a, float b) => m[g * 4] + m[g * 4 + 1] * a + m[g * 4 + 2] * b + m[g * 4 + 3] * a * b;
            Assert.Equal(f00, Relax(0, 0));
            Assert.Equal(f01, Relax(0, 1));
            Assert.Equal(f10, Relax(1, 0));
            Assert.Equal(f11, Relax(1, 1));
            Assert.Equal(g, Gates.FromTruthTable(f00 == 1, f01 == 1, f10 == 1, f11 == 1));
        }
        // SPEC §1 rows: XOR = a + b − 2ab, B IMPLIES A = 1 − b + ab.
        Assert.Equal([0f, 1f, 1f, -2f], m[(6 * 4)..(7 * 4)]);
        Assert.Equal([1f, 0f, -1f, 1f], m[(11 * 4)..(12 * 4)]);
    }

    [Fact]
    public void Packed_gate_application_matches_the_truth_table()
    {
        const ulong a = 0b1100, b = 0b1010;
        for (var g = 0; g < 16; g++)
        {
            var r = Gates.Apply(g, a, b) & 0b1111;
            var (f00, f01, f10, f11) = Gates.TruthTable(g);
            Assert.Equal((ulong)(f11 << 3 | f10 << 2 | f01 << 1 | f00), r);
        }
    }

    [Theory]
    [InlineData(Wiring.Unique, 100, 300)]
    [InlineData(Wiring.Unique, 1000, 300)]
    [InlineData(Wiring.Random, 50, 200)]
    public void Wiring_stays_in_range_and_unique_spreads_inputs_evenly(string kind, int inputs, int neurons)
    {
        var (a, b) = Wiring.Make(kind, inputs, neurons, new Random(1));
        Assert.All(a.Concat(b), i => Assert.InRange(i, 0, inputs - 1));
        if (kind != Wiring.Unique)
            return;
        Assert.All(Enumerable.Range(0, neurons), i => Assert.NotEqual(a[i], b[i]));
        var uses = new int[inputs];
        foreach (var i in a.Concat(b))
            uses[i]++;
        var lo = 2 * neurons / inputs;
        Assert.All(uses, u => Assert.InRange(u, lo, lo + 1));
    }

    [Fact]
    public void Unknown_wiring_is_a_clear_error()
    {
        var e = Assert.Throws<TrainingException>(() => Wiring.Make("ring", 4, 4, new Random(1)));
        Assert.Contains("ring", e.Message, StringComparison.Ordinal);
    }
}
