
namespace GateForge.Training.Tests;

public sealed class MonkTests
{
    /// <summary>The published rules, written again from the attribute values as strings.</summary>
    private static bool Expected(int problem, string[] a) => problem switch
    {
        1 => a[0] == a[1] || a[4] == "1",
        2 => a.Count(v => v == "1") == 2,
        _ => (a[4] == "3" && a[3] == "1") || (a[4] != "4" && a[1] != "3"),
    };

    private static string[] Values(Dataset d, int row) =>
        Enumerable.Range(0, 6).Select(k => d.CategoriesOf(k)[(int)d[row, k]]).ToArray();

    [Theory]
    [InlineData(1, 124, 216)]
    [InlineData(2, 169, 142)]
    [InlineData(3, 122, 228)]
    public void Test_set_is_all_432_instances_labelled_by_the_rule(int problem, int trainSize, int positives)
    {
        var (train, test) = Monk.Generate(problem);
        Assert.Equal(432, test.Count);
        Assert.Equal(trainSize, train.Count);
        Assert.Equal(6, test.FeatureCount);
        Assert.Equal(["a1", "a2", "a3", "a4", "a5", "a6"], test.FeatureNames);
        Assert.All(test.Kinds, k => Assert.Equal(FeatureKind.Categorical, k));
        Assert.Equal([3, 3, 2, 3, 4, 2], Enumerable.Range(0, 6).Select(k => test.CategoriesOf(k).Length));
        var distinct = new HashSet<string>();
        for (var r = 0; r < test.Count; r++)
        {
            var a = Values(test, r);
            Assert.True(distinct.Add(string.Join(",", a)));
            Assert.Equal(Expected(problem, a) ? 1 : 0, test.Labels[r]);
        }
        // class balance of the published test files (monks-1: 216/216, monks-2: 290/142, monks-3: 204/228)
        Assert.Equal(positives, test.Labels.Sum());
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 6)]
    public void Train_set_is_a_subset_with_noise_only_on_monk3(int problem, int wrong)
    {
        var (train, test) = Monk.Generate(problem);
        var instances = Enumerable.Range(0, test.Count).ToDictionary(r => string.Join(",", Values(test, r)));
        var seen = new HashSet<string>();
        var mislabelled = 0;
        for (var r = 0; r < train.Count; r++)
        {
            var key = string.Join(",", Values(train, r));
            Assert.True(seen.Add(key), "train rows are distinct instances");
            Assert.True(instances.ContainsKey(key));
            mislabelled += train.Labels[r] != test.Labels[instances[key]] ? 1 : 0;
        }
        Assert.Equal(wrong, mislabelled);
        Assert.Contains(0, train.Labels);
        Assert.Contains(1, train.Labels);
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        var a = Monk.Generate(3);
        var b = Monk.Generate(3);
        Assert.Equal(a.Train.Features, b.Train.Features);
        Assert.Equal(a.Train.Labels, b.Train.Labels);
    }

    [Fact]
    public void Unknown_problem_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Monk.Generate(4));
    }
}
