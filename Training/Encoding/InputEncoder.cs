using System.Globalization;
using GateForge.Ir;
using GateForge.Training.Data;

namespace GateForge.Training.Encoding;

/// <summary>
/// Turns raw feature rows into the model's input bits (SPEC §4). Features are encoded in order;
/// a feature's bits are contiguous: a thermometer gives bit j = [value &gt; t_j] (compared on the
/// raw float value, thresholds non-decreasing), a one-hot code gives bit c = [value = c].
/// <para>
/// Training, the simulator, the C code and the test benches all take these bits, so they agree by
/// construction. For integer-valued features (pixel bytes) the factories store integer thresholds,
/// floor(t): 127.5 becomes 127, meaning [x &gt; 127]. On integer inputs that is the same bit, and it is
/// the exact constant of an 8-bit hardware comparator (<see cref="Thresholds8Bit"/>).
/// </para>
/// </summary>
public sealed class InputEncoder
{
    private readonly FeatureEncoding[] _features;
    private readonly int[] _offsets;

    public InputEncoder(IReadOnlyList<FeatureEncoding> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count == 0)
            throw new ArgumentException("an input encoder needs at least one feature", nameof(features));
        _features = [.. features];
        _offsets = new int[_features.Length + 1];
        for (var f = 0; f < _features.Length; f++)
            _offsets[f + 1] = _offsets[f] + _features[f].BitCount;
        BitNames = BuildBitNames();
    }

    /// <summary>Per-feature encodings, in feature order.</summary>
    public IReadOnlyList<FeatureEncoding> Features => _features;

    public int FeatureCount => _features.Length;

    /// <summary>Total number of input bits.</summary>
    public int BitCount => _offsets[^1];

    /// <summary>One name per bit: <c>px[12]&gt;127</c> for a thermometer bit, <c>color=red</c> for a one-hot bit.</summary>
    public string[] BitNames { get; }

    /// <summary>The first bit of feature <paramref name="feature"/>.</summary>
    public int BitOffset(int feature) => _offsets[feature];

    /// <summary>
    /// A thermometer code with <paramref name="bits"/> thresholds on every feature (a categorical
    /// feature's index is thresholded like a number). Uniform thresholds span [min, max] when both are
    /// given, else the data set's <see cref="Dataset.NominalRange"/>, else each feature's training range.
    /// </summary>
    public static InputEncoder Thermometer(Dataset train, int bits, ThresholdMode mode, float? min = null, float? max = null) =>
        Build(train, bits, mode, min, max, oneHotCategorical: false);

    /// <summary>One-hot codes for categorical features, <see cref="Thermometer"/>'s codes for numeric ones.</summary>
    public static InputEncoder Auto(Dataset train, int bitsPerNumeric, ThresholdMode mode) =>
        Build(train, bitsPerNumeric, mode, null, null, oneHotCategorical: true);

    /// <summary>The same given thresholds (sorted, used as they are) for every numeric feature; one-hot for categorical ones.</summary>
    public static InputEncoder Given(Dataset train, IReadOnlyList<float> thresholds)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(thresholds);
        var perFeature = new float[train.FeatureCount][];
        Array.Fill(perFeature, [.. thresholds]);
        return Given(train, perFeature);
    }

    /// <summary>Given thresholds (sorted, used as they are) per numeric feature (entries of categorical ones are ignored: one-hot).</summary>
    public static InputEncoder Given(Dataset train, IReadOnlyList<float[]> thresholdsPerFeature)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(thresholdsPerFeature);
        if (thresholdsPerFeature.Count != train.FeatureCount)
            throw new ArgumentException($"{thresholdsPerFeature.Count} threshold lists for {train.FeatureCount} features of {train.Name}", nameof(thresholdsPerFeature));
        var stats = ThresholdPlanner.Stats(train);
        var features = new FeatureEncoding[train.FeatureCount];
        for (var f = 0; f < features.Length; f++)
        {
            var name = train.FeatureNames[f];
            if (train.Kinds[f] == FeatureKind.Categorical)
            {
                features[f] = FeatureEncoding.OneHot(name, train.CategoriesOf(f));
                continue;
            }
            var sorted = (float[])thresholdsPerFeature[f].Clone();
            Array.Sort(sorted);
            features[f] = FeatureEncoding.Thermometer(name, sorted, stats[f].Bytes);
        }
        return new InputEncoder(features);
    }

    /// <summary>The given per-feature encodings.</summary>
    public static InputEncoder Given(IReadOnlyList<FeatureEncoding> features) => new(features);

    /// <summary>Encodes every row: <paramref name="dst"/>[row·BitCount + bit] = 0 or 1.</summary>
    public void Encode(Dataset d, byte[] dst)
    {
        ArgumentNullException.ThrowIfNull(dst);
        CheckShape(d, dst.Length);
        for (var r = 0; r < d.Count; r++)
            EncodeRow(d.Row(r), dst.AsSpan(r * BitCount, BitCount));
    }

    /// <summary>Encodes every row into a new Count×BitCount array of 0/1.</summary>
    public byte[] Encode(Dataset d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var dst = new byte[d.Count * BitCount];
        Encode(d, dst);
        return dst;
    }

    /// <summary>The same bits as <see cref="Encode(Dataset)"/>, as 0f/1f (the trainer's input).</summary>
    public float[] EncodeToFloat(Dataset d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var dst = new float[d.Count * BitCount];
        EncodeToFloat(d, dst);
        return dst;
    }

    /// <summary>The same bits as <see cref="Encode(Dataset, byte[])"/>, as 0f/1f.</summary>
    public void EncodeToFloat(Dataset d, float[] dst)
    {
        ArgumentNullException.ThrowIfNull(dst);
        CheckShape(d, dst.Length);
        for (var r = 0; r < d.Count; r++)
            EncodeRow(d.Row(r), dst.AsSpan(r * BitCount, BitCount));
    }

    /// <summary>Encodes one row of raw values into BitCount bits.</summary>
    public void EncodeRow(ReadOnlySpan<float> row, Span<byte> bits) => EncodeRow(row, bits, (byte)1);

    /// <summary>Encodes one row of raw values into BitCount values 0f/1f.</summary>
    public void EncodeRow(ReadOnlySpan<float> row, Span<float> bits) => EncodeRow(row, bits, 1f);

    // One loop for both element types (the JIT specialises it per value type): one where a bit is set, default(T) elsewhere.
    private void EncodeRow<T>(ReadOnlySpan<float> row, Span<T> bits, T one) where T : struct
    {
        CheckRow(row.Length, bits.Length);
        for (var f = 0; f < _features.Length; f++)
        {
            var feature = _features[f];
            var v = row[f];
            var o = _offsets[f];
            if (feature.Kind == FeatureEncodingKind.Thermometer)
            {
                var t = feature.Thresholds;
                for (var j = 0; j < t.Length; j++)
                    bits[o + j] = v > t[j] ? one : default;
            }
            else
            {
                for (var c = 0; c < feature.Categories.Length; c++)
                    bits[o + c] = v == c ? one : default;
            }
        }
    }

    /// <summary>
    /// Integer thresholds for an encoder in hardware that compares 8-bit feature values: bit j of
    /// feature f is <c>x_f &gt; T[f][j]</c>, with T = floor(t) clamped to −1..255 (−1: always 1,
    /// 255: always 0). Exact, since the features are integers 0..255. Null unless every feature is a
    /// thermometer over byte inputs.
    /// </summary>
    public IReadOnlyList<int[]>? Thresholds8Bit()
    {
        var result = new int[_features.Length][];
        for (var f = 0; f < _features.Length; f++)
        {
            var feature = _features[f];
            if (feature.Kind != FeatureEncodingKind.Thermometer || !feature.ByteInput)
                return null;
            result[f] = new int[feature.Thresholds.Length];
            for (var j = 0; j < feature.Thresholds.Length; j++)
                result[f][j] = (int)Math.Clamp(MathF.Floor(feature.Thresholds[j]), -1f, 255f);
        }
        return result;
    }

    /// <summary>The encoder as JSON (see <see cref="InputEncoderJson"/>).</summary>
    public string ToJson() => InputEncoderJson.Write(this, indented: true);

    /// <summary>The encoder as JSON, on one line when <paramref name="indented"/> is false (for netlist attributes).</summary>
    public string ToJson(bool indented) => InputEncoderJson.Write(this, indented);

    /// <summary>Reads <see cref="ToJson"/>'s output; malformed input gives a <see cref="DataFormatException"/>.</summary>
    public static InputEncoder FromJson(string json) => InputEncoderJson.Read(json, "encoder JSON");

    /// <summary>Writes <see cref="ToJson"/> to a file (through a temporary name, then renamed).</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicOutput.WriteText(path, ToJson());
    }

    /// <summary>Reads a file written by <see cref="Save"/>; errors name the file.</summary>
    public static InputEncoder Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException($"{path}: cannot read encoder: {e.Message}", e);
        }
        return InputEncoderJson.Read(json, path);
    }

    private static InputEncoder Build(Dataset train, int bits, ThresholdMode mode, float? min, float? max, bool oneHotCategorical)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        if (min.HasValue != max.HasValue)
            throw new ArgumentException("give both min and max, or neither", nameof(min));
        if (min > max)
            throw new ArgumentException($"min {min} is above max {max}", nameof(min));
        var stats = ThresholdPlanner.Stats(train);
        var thermometers = Enumerable.Range(0, train.FeatureCount)
            .Where(f => !oneHotCategorical || train.Kinds[f] != FeatureKind.Categorical).ToArray();
        var sorted = mode == ThresholdMode.Quantile ? ThresholdPlanner.SortedColumns(train, thermometers) : null;
        var features = new FeatureEncoding[train.FeatureCount];
        for (var f = 0; f < features.Length; f++)
            if (oneHotCategorical && train.Kinds[f] == FeatureKind.Categorical)
                features[f] = FeatureEncoding.OneHot(train.FeatureNames[f], train.CategoriesOf(f));
        for (var i = 0; i < thermometers.Length; i++)
        {
            var f = thermometers[i];
            float[] thresholds;
            if (sorted is not null)
            {
                thresholds = ThresholdPlanner.Quantile(sorted[i], bits);
            }
            else
            {
                var range = min.HasValue ? new ValueRange(min.Value, max!.Value)
                    : train.NominalRange ?? new ValueRange(stats[f].Min, stats[f].Max);
                thresholds = ThresholdPlanner.Uniform(bits, range.Min, range.Max);
            }
            if (stats[f].Integer)
                ThresholdPlanner.SnapToIntegers(thresholds);
            features[f] = FeatureEncoding.Thermometer(train.FeatureNames[f], thresholds, stats[f].Bytes);
        }
        return new InputEncoder(features);
    }


    private void CheckShape(Dataset d, int dstLength)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.FeatureCount != _features.Length)
            throw new ArgumentException($"data set {d.Name} has {d.FeatureCount} features, the encoder expects {_features.Length}", nameof(d));
        if (dstLength != d.Count * BitCount)
            throw new ArgumentException($"destination holds {dstLength} values, expected {d.Count} rows × {BitCount} bits", nameof(dstLength));
    }

    private void CheckRow(int rowLength, int bitsLength)
    {
        if (rowLength != _features.Length)
            throw new ArgumentException($"row has {rowLength} values, the encoder expects {_features.Length}", nameof(rowLength));
        if (bitsLength != BitCount)
            throw new ArgumentException($"destination holds {bitsLength} bits, expected {BitCount}", nameof(bitsLength));
    }

    private string[] BuildBitNames()
    {
        var names = new string[BitCount];
        for (var f = 0; f < _features.Length; f++)
        {
            var feature = _features[f];
            var o = _offsets[f];
            if (feature.Kind == FeatureEncodingKind.Thermometer)
            {
                for (var j = 0; j < feature.Thresholds.Length; j++)
                    names[o + j] = $"{feature.Name}>{feature.Thresholds[j].ToString("R", CultureInfo.InvariantCulture)}";
            }
            else
            {
                for (var c = 0; c < feature.Categories.Length; c++)
                    names[o + c] = $"{feature.Name}={feature.Categories[c]}";
            }
        }
        return names;
    }
}
