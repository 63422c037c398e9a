using System.IO.Compression;

namespace GateForge.Training.Tests;

public sealed class DataSetsTests
{
    [Fact]
    public void Mnist_10k_is_the_default()
    {
        Assert.Equal("mnist-10k", DataSets.DefaultSpec);
        var (train, test) = DataSets.Load("mnist-10k", DataFixtures.DataRoot);
        Assert.Equal(("mnist-10k", 8000, 784), (train.Name, train.Count, train.FeatureCount));
        Assert.Equal(("mnist-10k", 2000, 784), (test.Name, test.Count, test.FeatureCount));
    }

    [Fact]
    public void Data_root_is_found_upwards_from_a_start_folder()
    {
        using var elsewhere = new TempDir("gf-ds");
        var found = DataSets.FindDataRoot([elsewhere.Path, DataFixtures.File("")]);
        Assert.Equal(DataFixtures.DataRoot, Path.GetFullPath(found!));
        Assert.Null(DataSets.FindDataRoot([elsewhere.Path]));
    }

    [Fact]
    public void Missing_data_root_is_a_clear_error()
    {
        using var dir = new TempDir("gf-ds");
        var e = Assert.Throws<DataFormatException>(() => DataSets.Load("mnist-10k", dir.Path));
        Assert.Contains("mnist-10k: IDX data folder not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fashion_mnist_loads_or_says_how_to_install_it()
    {
        if (Directory.Exists(DataSets.FashionMnistDirectory))
        {
            var (train, test) = DataSets.Load("fashion-mnist");
            Assert.Equal((60000, 10000, 784), (train.Count, test.Count, train.FeatureCount));
            Assert.Equal("Ankle boot", train.ClassNames[9]);
            Assert.All(test.ClassHistogram(), n => Assert.Equal(1000, n));
        }
        else
        {
            var e = Assert.Throws<DataFormatException>(() => DataSets.Load("fashion-mnist"));
            Assert.Contains("apt-get install dataset-fashion-mnist", e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("monk1", 124)]
    [InlineData("monk2", 169)]
    [InlineData("monk3", 122)]
    public void Monk_specs(string spec, int trainRows)
    {
        var (train, test) = DataSets.Load(spec);
        Assert.Equal((spec, trainRows, 432), (train.Name, train.Count, test.Count));
    }

    [Theory]
    [InlineData("parity4", 16, 4)]
    [InlineData("majority5", 32, 5)]
    [InlineData("and3", 8, 3)]
    [InlineData("comparator2", 16, 4)]
    [InlineData("popcount3", 8, 3)]
    public void Synthetic_specs(string spec, int rows, int features)
    {
        var (train, test) = DataSets.Load(spec);
        Assert.Equal((spec, rows, features), (train.Name, train.Count, train.FeatureCount));
        Assert.Equal(rows, test.Count);
    }

    [Fact]
    public void Idx_folder_spec_reads_plain_and_gzip_files()
    {
        using var dir = new TempDir("gf-ds");
        var folder = Path.Combine(dir.Path, "digits");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(DataFixtures.Mnist10k, "*.gz"))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith("t10k", StringComparison.Ordinal))
            {
                File.Copy(file, Path.Combine(folder, name));
                continue;
            }
            using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            using var plain = File.Create(Path.Combine(folder, Path.GetFileNameWithoutExtension(name)));
            gzip.CopyTo(plain);
        }
        var (train, test) = DataSets.Load($"idx:{folder}");
        Assert.Equal(("digits", 8000, 2000), (train.Name, train.Count, test.Count));
        Assert.Equal(DataFixtures.Mnist.Train.Features, train.Features);
        Assert.Equal(DataFixtures.Mnist.Test.Labels, test.Labels);

        File.Delete(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"));
        var e = Assert.Throws<DataFormatException>(() => DataSets.Load($"idx:{folder}"));
        Assert.Equal($"{folder}: missing IDX file t10k-labels-idx1-ubyte (or t10k-labels-idx1-ubyte.gz)", e.Message);
    }

    [Fact]
    public void Csv_spec_holds_out_a_seeded_fifth()
    {
        using var dir = new TempDir("gf-ds");
        var path = dir.File("table.csv");
        var lines = new List<string> { "x,colour,y" };
        for (var i = 0; i < 100; i++)
            lines.Add($"{i},{(i % 3 == 0 ? "red" : "blue")},{i % 2}");
        File.WriteAllLines(path, lines);
        var (train, test) = DataSets.Load($"csv:{path}");
        Assert.Equal((80, 20), (train.Count, test.Count));
        Assert.Equal(["x", "colour"], train.FeatureNames);
        var all = train.Features.Where((_, i) => i % 2 == 0).Concat(test.Features.Where((_, i) => i % 2 == 0)).Order();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (float)i), all);
        Assert.All(Enumerable.Range(0, test.Count), r => Assert.Equal((int)test[r, 0] % 2, test.Labels[r]));
        // the same split every time
        Assert.Equal(test.Features, DataSets.Load($"csv:{path}").Test.Features);

        var byLabel = DataSets.Load($"csv:{path}:label=x");
        Assert.Equal(["colour", "y"], byLabel.Train.FeatureNames);
        Assert.Equal(100, byLabel.Train.ClassCount);
        var byIndex = DataSets.Load($"csv:{path}:label=1");
        Assert.Equal(["blue", "red"], byIndex.Train.ClassNames);
    }

    [Fact]
    public void Csv_spec_errors_name_the_file()
    {
        var missing = DataFixtures.File("missing-label.csv");
        var e = Assert.Throws<DataFormatException>(() => DataSets.Load($"csv:{missing}:label=y"));
        Assert.StartsWith($"{missing}:1: label column 'y' not found", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<DataFormatException>(() => DataSets.Load("csv:/nonexistent/t.csv"));
        Assert.Equal("/nonexistent/t.csv: CSV file not found", e.Message);
    }

    [Theory]
    [InlineData("mnist")]
    [InlineData("monk4x")]
    [InlineData("parity")]
    [InlineData("parityX")]
    public void Unknown_spec_lists_the_valid_names(string spec)
    {
        var e = Assert.Throws<ArgumentException>(() => DataSets.Load(spec));
        Assert.Contains($"unknown data set '{spec}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("mnist-10k, fashion-mnist, monk1, monk2, monk3, parity<N>", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("parity0")]
    [InlineData("parity21")]
    [InlineData("comparator11")]
    public void Synthetic_width_out_of_range(string spec)
    {
        var e = Assert.Throws<ArgumentException>(() => DataSets.Load(spec));
        Assert.Contains(spec, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Subset_and_take_keep_the_schema()
    {
        var (train, _) = Monk.Generate(1);
        var sub = train.Subset([5, 2, 5]);
        Assert.Equal(3, sub.Count);
        Assert.Equal(train.Row(5).ToArray(), sub.Row(0).ToArray());
        Assert.Equal(train.Row(2).ToArray(), sub.Row(1).ToArray());
        Assert.Equal([train.Labels[5], train.Labels[2], train.Labels[5]], sub.Labels);
        Assert.Same(train.Categories, sub.Categories);
        Assert.Equal(10, train.Take(10).Count);
        Assert.Same(train, train.Take(1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => train.Subset([train.Count]));
    }
}
