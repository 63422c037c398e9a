
namespace GateForge.Training.Tests;

public sealed class ShiftAugmentTests
{
    // One 3×2 image (width 3, height 2): pixels 1..6 row by row.
    private static Dataset Tiny() =>
        new("tiny", [1, 2, 3, 4, 5, 6], 6, [1], 2, ["p0", "p1", "p2", "p3", "p4", "p5"], new FeatureKind[6], null, ["a", "b"])
        {
            Image = new ImageShape(3, 2),
        };

    [Fact]
    public void Originals_come_first_then_every_shift_with_a_zero_border()
    {
        var augmented = ShiftAugment.Apply(Tiny(), 1);
        Assert.Equal(9, augmented.Count);
        Assert.All(augmented.Labels, l => Assert.Equal(1, l));
        Assert.Equal([1f, 2, 3, 4, 5, 6], augmented.Row(0).ToArray());
        // Shifts in order (dx, dy) = (-1,-1), (0,-1), (1,-1), (-1,0), (1,0), (-1,1), (0,1), (1,1).
        Assert.Equal([5f, 6, 0, 0, 0, 0], augmented.Row(1).ToArray());
        Assert.Equal([4f, 5, 6, 0, 0, 0], augmented.Row(2).ToArray());
        Assert.Equal([2f, 3, 0, 5, 6, 0], augmented.Row(4).ToArray());
        Assert.Equal([0f, 1, 2, 0, 4, 5], augmented.Row(5).ToArray());
        Assert.Equal([0f, 0, 0, 1, 2, 3], augmented.Row(7).ToArray());
        Assert.Equal(new ImageShape(3, 2), augmented.Image);
    }

    [Fact]
    public void Zero_shift_is_the_data_itself()
    {
        var data = Tiny();
        Assert.Same(data, ShiftAugment.Apply(data, 0));
    }

    [Fact]
    public void Idx_images_carry_their_shape_through_subsets()
    {
        var (train, _) = DataSets.Load("mnist-10k", DataFixtures.DataRoot);
        Assert.Equal(new ImageShape(28, 28), train.Take(10).Image);
    }

    [Fact]
    public void Data_that_is_not_an_image_is_refused_with_its_name()
    {
        var (train, _) = Monk.Generate(1);
        var e = Assert.Throws<TrainingException>(() => ShiftAugment.Apply(train, 1));
        Assert.Contains("monk1", e.Message, StringComparison.Ordinal);
        Assert.Contains("image", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_augmented_set_too_large_for_one_array_is_refused_before_allocating()
    {
        // 49 copies (shift 3) of 60,000 28×28 images: 2.3 G values.
        var data = new Dataset("big", new float[784], 784, [0], 1, new string[784], new FeatureKind[784], null, ["a"])
        {
            Image = new ImageShape(28, 28),
        }.Subset(new int[60_000]);
        var e = Assert.Throws<TrainingException>(() => ShiftAugment.Apply(data, 3));
        Assert.Contains("smaller shift", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_refuses_a_shift_out_of_range()
    {
        var e = Assert.Throws<TrainingException>(() => (ModelConfig.Demo() with { ShiftAugment = 4 }).Validate());
        Assert.Contains("shiftAugment", e.Message, StringComparison.Ordinal);
    }
}
