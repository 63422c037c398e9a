using GateForge.Training.Encoding;

namespace GateForge.Training.Tests;

public sealed class EncoderTests
{
    /// <summary>Random floats (some repeated, some negative) in a numeric data set.</summary>
    private static Dataset RandomFloats(int rows, int features, int seed)
    {
        var rng = new Random(seed);
        var values = new float[rows * features];
        for (var i = 0; i < values.Length; i++)
            values[i] = rng.Next(4) == 0 ? 0.5f : (float)(rng.NextDouble() * 20 - 5);
        return new Dataset("floats", values, features, new int[rows], 1,
            Enumerable.Range(0, features).Select(f => $"f{f}").ToArray(), new FeatureKind[features], null, ["c"]);
    }

    /// <summary>256 rows: row v holds the byte v in every feature (shifted per feature).</summary>
    private static Dataset AllBytes(int features)
    {
        var values = new float[256 * features];
        for (var v = 0; v < 256; v++)
            for (var f = 0; f < features; f++)
                values[v * features + f] = (v + 37 * f) % 256;
        return new Dataset("bytes", values, features, new int[256], 1,
            Enumerable.Range(0, features).Select(f => $"px[{f}]").ToArray(), new FeatureKind[features], null, ["c"], ValueRange.Byte);
    }

    private static void AssertBitsAreComparisons(InputEncoder encoder, Dataset d)
    {
        var bits = encoder.Encode(d);
        for (var r = 0; r < d.Count; r++)
            for (var f = 0; f < d.FeatureCount; f++)
            {
                var feature = encoder.Features[f];
                for (var j = 0; j < feature.BitCount; j++)
                {
                    var expected = feature.Kind == FeatureEncodingKind.Thermometer
                        ? d[r, f] > feature.Thresholds[j]
                        : d[r, f] == j;
                    Assert.Equal(expected ? 1 : 0, bits[r * encoder.BitCount + encoder.BitOffset(f) + j]);
                }
            }
    }

    [Fact]
    public void Pixel_binarisation_uses_the_integer_threshold_127()
    {
        var train = DataFixtures.Mnist.Train;
        var encoder = InputEncoder.Thermometer(train, 1, ThresholdMode.Uniform);
        Assert.Equal(784, encoder.BitCount);
        Assert.All(encoder.Features, f => Assert.Equal([127f], f.Thresholds));
        Assert.Equal("px[12]>127", encoder.BitNames[12]);
        var bits = encoder.Encode(train.Take(50));
        for (var i = 0; i < bits.Length; i++)
            Assert.Equal(train.Features[i] > 127.5f ? 1 : 0, bits[i]);
    }

    [Fact]
    public void Uniform_thresholds_span_the_given_or_nominal_range()
    {
        var train = DataFixtures.Mnist.Train.Take(100);
        Assert.Equal([63f, 127f, 191f], InputEncoder.Thermometer(train, 3, ThresholdMode.Uniform).Features[300].Thresholds);
        Assert.Equal([25f, 50f, 75f], InputEncoder.Thermometer(train, 3, ThresholdMode.Uniform, 0, 100).Features[0].Thresholds);
        var floats = RandomFloats(200, 3, 1);
        var encoder = InputEncoder.Thermometer(floats, 4, ThresholdMode.Uniform);
        for (var f = 0; f < 3; f++)
        {
            var column = Enumerable.Range(0, 200).Select(r => floats[r, f]).ToArray();
            var (min, max) = (column.Min(), column.Max());
            var t = encoder.Features[f].Thresholds;
            Assert.Equal(4, t.Length);
            Assert.Equal(min + (max - min) / 5, t[0], 1e-4f);
            Assert.Equal(min + (max - min) * 4 / 5, t[3], 1e-4f);
        }
    }

    [Theory]
    [InlineData(ThresholdMode.Uniform, 1)]
    [InlineData(ThresholdMode.Uniform, 7)]
    [InlineData(ThresholdMode.Quantile, 1)]
    [InlineData(ThresholdMode.Quantile, 5)]
    public void Thresholds_are_monotone_and_bits_are_exact_comparisons(ThresholdMode mode, int bits)
    {
        var floats = RandomFloats(300, 4, bits);
        var encoder = InputEncoder.Thermometer(floats, bits, mode);
        foreach (var feature in encoder.Features)
            for (var j = 1; j < feature.Thresholds.Length; j++)
                Assert.True(feature.Thresholds[j - 1] <= feature.Thresholds[j]);
        AssertBitsAreComparisons(encoder, floats);
        AssertBitsAreComparisons(encoder, RandomFloats(100, 4, 99));
    }

    [Fact]
    public void Quantile_thresholds_split_the_training_values()
    {
        var values = Enumerable.Range(0, 100).Select(i => i * 0.5f).ToArray();
        var d = new Dataset("q", values, 1, new int[100], 1, ["v"], [FeatureKind.Numeric], null, ["c"]);
        var t = InputEncoder.Thermometer(d, 3, ThresholdMode.Quantile).Features[0].Thresholds;
        // quartiles: 25, 50, 75 values at or below each threshold, halfway to the next value
        Assert.Equal([12.25f, 24.75f, 37.25f], t);
        Assert.Equal([25, 50, 75], t.Select(x => values.Count(v => v <= x)));
    }

    [Fact]
    public void Quantile_thresholds_on_bytes_are_integers_at_the_quantiles()
    {
        var train = DataFixtures.Mnist.Train.Take(500);
        var encoder = InputEncoder.Thermometer(train, 3, ThresholdMode.Quantile);
        for (var f = 0; f < train.FeatureCount; f++)
        {
            var column = Enumerable.Range(0, train.Count).Select(r => train[r, f]).ToArray();
            var t = encoder.Features[f].Thresholds;
            for (var j = 0; j < t.Length; j++)
            {
                Assert.Equal(MathF.Floor(t[j]), t[j]);
                // at least the quantile's share of the training values lies at or below it ...
                Assert.True(column.Count(v => v <= t[j]) >= Math.Round((j + 1) / 4.0 * column.Length));
                // ... and it is not above the largest of them
                Assert.True(t[j] <= column.Max());
            }
        }
        AssertBitsAreComparisons(encoder, DataFixtures.Mnist.Test.Take(50));
    }

    [Fact]
    public void A_value_equal_to_the_threshold_gives_0()
    {
        var d = new Dataset("e", [1f, 2f, 2.5f], 1, new int[3], 1, ["v"], [FeatureKind.Numeric], null, ["c"]);
        var encoder = InputEncoder.Given(d, [2f]);
        Assert.Equal([0, 0, 1], encoder.Encode(d));
        Assert.Equal([0f, 0f, 1f], encoder.EncodeToFloat(d));
    }

    [Fact]
    public void Integer_thresholds_give_the_same_bits_as_the_fractional_ones_on_integers()
    {
        var bytes = AllBytes(3);
        var fractional = InputEncoder.Given(bytes, [-0.5f, 31.75f, 63.75f, 127.5f, 200.01f, 254.9f, 300f]);
        var integer = InputEncoder.Given(bytes, [-1f, 31f, 63f, 127f, 200f, 254f, 300f]);
        Assert.Equal(fractional.Encode(bytes), integer.Encode(bytes));
    }

    [Fact]
    public void One_hot_for_categorical_features()
    {
        var (train, test) = Monk.Generate(1);
        var encoder = InputEncoder.Auto(train, 4, ThresholdMode.Uniform);
        Assert.Equal(3 + 3 + 2 + 3 + 4 + 2, encoder.BitCount);
        Assert.All(encoder.Features, f => Assert.Equal(FeatureEncodingKind.OneHot, f.Kind));
        Assert.Equal(["a1=1", "a1=2", "a1=3", "a2=1"], encoder.BitNames[..4]);
        var bits = encoder.Encode(test);
        for (var r = 0; r < test.Count; r++)
            for (var f = 0; f < 6; f++)
            {
                var group = bits.AsSpan(r * encoder.BitCount + encoder.BitOffset(f), encoder.Features[f].BitCount);
                Assert.Equal(1, group.ToArray().Count(b => b == 1));
                Assert.Equal(1, group[(int)test[r, f]]);
            }
        AssertBitsAreComparisons(encoder, test);
        Assert.Null(encoder.Thresholds8Bit());
    }

    [Fact]
    public void Auto_mixes_one_hot_and_thermometer()
    {
        var cars = CsvReader.Read(DataFixtures.File("cars.csv"), new CsvOptions());
        var encoder = InputEncoder.Auto(cars, 2, ThresholdMode.Quantile);
        Assert.Equal(4 + 2 + 2 + 4, encoder.BitCount);
        Assert.Equal([FeatureEncodingKind.OneHot, FeatureEncodingKind.Thermometer, FeatureEncodingKind.Thermometer, FeatureEncodingKind.OneHot],
            encoder.Features.Select(f => f.Kind));
        Assert.Equal("make=audi", encoder.BitNames[0]);
        Assert.StartsWith("doors>", encoder.BitNames[4], StringComparison.Ordinal);
        AssertBitsAreComparisons(encoder, cars);
        // thermometer on everything treats a category index as a number
        var plain = InputEncoder.Thermometer(cars, 2, ThresholdMode.Uniform);
        Assert.Equal(8, plain.BitCount);
    }

    [Theory]
    [InlineData(ThresholdMode.Uniform, 1)]
    [InlineData(ThresholdMode.Uniform, 5)]
    [InlineData(ThresholdMode.Quantile, 6)]
    public void Thresholds8Bit_matches_Encode_on_all_256_byte_values(ThresholdMode mode, int bits)
    {
        var bytes = AllBytes(4);
        var trainEncoders = new[]
        {
            InputEncoder.Thermometer(bytes, bits, mode),
            InputEncoder.Thermometer(DataFixtures.Mnist.Train.Take(300), bits, mode),
            InputEncoder.Given(bytes, [-3f, -0.5f, 0f, 0.5f, 99.99f, 254.5f, 255f, 1000f]),
        };
        foreach (var trained in trainEncoders)
        {
            // apply the first four features' encodings to the byte table
            var encoder = InputEncoder.Given(trained.Features.Take(4).ToArray());
            var t8 = encoder.Thresholds8Bit();
            Assert.NotNull(t8);
            var encoded = encoder.Encode(bytes);
            for (var r = 0; r < 256; r++)
                for (var f = 0; f < 4; f++)
                    for (var j = 0; j < t8[f].Length; j++)
                    {
                        Assert.InRange(t8[f][j], -1, 255);
                        var hardware = (int)bytes[r, f] > t8[f][j] ? 1 : 0;
                        Assert.Equal(hardware, encoded[r * encoder.BitCount + encoder.BitOffset(f) + j]);
                    }
        }
    }

    [Fact]
    public void Thresholds8Bit_is_null_for_non_byte_inputs()
    {
        Assert.Null(InputEncoder.Thermometer(RandomFloats(50, 2, 3), 2, ThresholdMode.Uniform).Thresholds8Bit());
        var big = new Dataset("big", [0f, 300f], 1, new int[2], 1, ["v"], [FeatureKind.Numeric], null, ["c"]);
        Assert.Null(InputEncoder.Thermometer(big, 2, ThresholdMode.Uniform).Thresholds8Bit());
        Assert.NotNull(InputEncoder.Thermometer(Synthetic.Parity(3).Train, 1, ThresholdMode.Uniform).Thresholds8Bit());
    }

    [Fact]
    public void Parity_bits_pass_through()
    {
        var d = Synthetic.Parity(4).Train;
        var encoder = InputEncoder.Auto(d, 1, ThresholdMode.Uniform);
        Assert.Equal(4, encoder.BitCount);
        Assert.Equal("b[0]>0", encoder.BitNames[0]);
        Assert.Equal(d.Features, encoder.EncodeToFloat(d));
    }

    [Fact]
    public void Json_round_trip_keeps_every_threshold_bit_for_bit()
    {
        var floats = RandomFloats(100, 3, 7);
        var cars = CsvReader.Read(DataFixtures.File("cars.csv"), new CsvOptions());
        foreach (var encoder in new[]
                 {
                     InputEncoder.Thermometer(floats, 5, ThresholdMode.Quantile),
                     InputEncoder.Given([FeatureEncoding.Thermometer("x", [1e-7f * 3, 0.1f, MathF.PI, 16777217f, float.MaxValue])]),
                     InputEncoder.Auto(cars, 3, ThresholdMode.Uniform),
                     InputEncoder.Thermometer(DataFixtures.Mnist.Train.Take(10), 2, ThresholdMode.Uniform),
                 })
        {
            var json = encoder.ToJson();
            var back = InputEncoder.FromJson(json);
            Assert.Equal(json, back.ToJson());
            var compact = encoder.ToJson(indented: false);
            Assert.DoesNotContain("\n", compact, StringComparison.Ordinal);
            Assert.Equal(json, InputEncoder.FromJson(compact).ToJson());
            Assert.Equal(encoder.BitNames, back.BitNames);
            for (var f = 0; f < encoder.FeatureCount; f++)
            {
                Assert.Equal(encoder.Features[f].Thresholds, back.Features[f].Thresholds);
                Assert.Equal(encoder.Features[f].Categories, back.Features[f].Categories);
                Assert.Equal(encoder.Features[f].ByteInput, back.Features[f].ByteInput);
            }
        }
        var bytesEncoder = InputEncoder.Thermometer(DataFixtures.Mnist.Train.Take(10), 2, ThresholdMode.Uniform);
        var test = DataFixtures.Mnist.Test.Take(20);
        Assert.Equal(bytesEncoder.Encode(test), InputEncoder.FromJson(bytesEncoder.ToJson()).Encode(test));
    }

    [Fact]
    public void Json_format_snapshot()
    {
        var (train, _) = Monk.Generate(2);
        var features = InputEncoder.Auto(train, 1, ThresholdMode.Uniform).Features.Take(2)
            .Append(FeatureEncoding.Thermometer("px[0]", [63f, 127f, 191f], byteInput: true))
            .Append(FeatureEncoding.Thermometer("temp", [-1.5f, 0.1f]))
            .ToArray();
        Snapshot.Match(InputEncoder.Given(features).ToJson(), "encoder", "json");
    }

    [Fact]
    public void Save_and_load_through_a_file()
    {
        using var dir = new TempDir("gf-enc");
        var encoder = InputEncoder.Thermometer(DataFixtures.Mnist.Train.Take(10), 3, ThresholdMode.Uniform);
        var path = dir.File("encoder.json");
        encoder.Save(path);
        Assert.Equal(encoder.ToJson(), InputEncoder.Load(path).ToJson());
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "expected a JSON object")]
    [InlineData("{\"format\":\"other\",\"version\":1,\"bits\":1,\"features\":[]}", "\"format\" is not \"gateforge-encoder\"")]
    [InlineData("{\"format\":\"gateforge-encoder\",\"version\":2,\"bits\":1,\"features\":[]}", "encoder version 2 is not supported")]
    [InlineData("{\"format\":\"gateforge-encoder\",\"version\":1,\"bits\":1}", "missing \"features\"")]
    [InlineData("{\"format\":\"gateforge-encoder\",\"version\":1,\"bits\":0,\"features\":[]}", "no features")]
    [InlineData("{\"format\":\"gateforge-encoder\",\"version\":1,\"bits\":1,\"features\":[{\"name\":\"a\",\"kind\":\"sine\"}]}", "feature 0 (a): unknown kind \"sine\"")]
    [InlineData("{\"format\":\"gateforge-encoder\",\"version\":1,\"bits\":2,\"features\":[{\"name\":\"a\",\"kind\":\"thermometer\",\"thresholds\":[2,1]}]}", "thresholds must be non-decreasing")]
    [InlineData("{\"format\":\"gateforge-encoder\",\"version\":1,\"bits\":1,\"features\":[{\"name\":\"a\",\"kind\":\"thermometer\",\"thresholds\":[\"x\"]}]}", "threshold \"x\" is not a number")]
    [InlineData("{\"format\":\"gateforge-encoder\",\"version\":1,\"bits\":3,\"features\":[{\"name\":\"a\",\"kind\":\"thermometer\",\"thresholds\":[1]}]}", "\"bits\" is 3 but the features give 1")]
    [InlineData("{\"format\":\"gateforge-encoder\",\"version\":1,\"bits\":0,\"features\":[{\"name\":\"a\",\"kind\":\"one_hot\",\"categories\":[]}]}", "needs at least one category")]
    public void Malformed_json_gives_a_clear_error(string json, string expected)
    {
        var e = Assert.Throws<DataFormatException>(() => InputEncoder.FromJson(json));
        Assert.StartsWith("encoder JSON", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encoding_is_deterministic_and_shape_checked()
    {
        var train = DataFixtures.Mnist.Train.Take(200);
        var a = InputEncoder.Thermometer(train, 4, ThresholdMode.Quantile);
        var b = InputEncoder.Thermometer(train, 4, ThresholdMode.Quantile);
        Assert.Equal(a.ToJson(), b.ToJson());
        Assert.Throws<ArgumentException>(() => a.Encode(Synthetic.Parity(3).Train));
        Assert.Throws<ArgumentException>(() => a.Encode(train, new byte[5]));
    }
}
