using System.Text;
using System.Text.Json;
using GateForge.Training.Data;

namespace GateForge.Training.Encoding;

/// <summary>
/// The encoder's JSON form, part of a saved model:
/// <code>
/// { "format": "gateforge-encoder", "version": 1, "bits": 785,
///   "features": [
///     { "name": "px[0]", "kind": "thermometer", "byte_input": true, "thresholds": [127] },
///     { "name": "a1", "kind": "one_hot", "categories": ["1", "2", "3"] } ] }
/// </code>
/// Thresholds are written in the shortest form that reads back to the same float. "bits" is
/// redundant and checked on reading.
/// </summary>
public static class InputEncoderJson
{
    public const string Format = "gateforge-encoder";
    public const int Version = 1;

    /// <summary>Indented with a final newline (a file), or on one line without it.</summary>
    public static string Write(InputEncoder encoder, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("version", Version);
            w.WriteNumber("bits", encoder.BitCount);
            w.WriteStartArray("features");
            foreach (var feature in encoder.Features)
            {
                w.WriteStartObject();
                w.WriteString("name", feature.Name);
                if (feature.Kind == FeatureEncodingKind.Thermometer)
                {
                    w.WriteString("kind", "thermometer");
                    w.WriteBoolean("byte_input", feature.ByteInput);
                    w.WriteStartArray("thresholds");
                    foreach (var t in feature.Thresholds)
                        w.WriteNumberValue(t);
                    w.WriteEndArray();
                }
                else
                {
                    w.WriteString("kind", "one_hot");
                    w.WriteStartArray("categories");
                    foreach (var c in feature.Categories)
                        w.WriteStringValue(c);
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        return indented ? text + "\n" : text;
    }

    /// <summary>Parses the JSON; <paramref name="source"/> names it in errors.</summary>
    public static InputEncoder Read(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new DataFormatException($"{source}: not valid JSON: {GateForge.Ir.JsonErrors.Message(e)}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new DataFormatException($"{source}: expected a JSON object");
            if (String(root, "format", source) != Format)
                throw new DataFormatException($"{source}: \"format\" is not \"{Format}\"");
            var version = Int(root, "version", source);
            if (version != Version)
                throw new DataFormatException($"{source}: encoder version {version} is not supported (expected {Version})");
            var features = new List<FeatureEncoding>();
            foreach (var item in Array(root, "features", source).EnumerateArray())
                features.Add(ReadFeature(item, $"{source}: feature {features.Count}"));
            if (features.Count == 0)
                throw new DataFormatException($"{source}: no features");
            var encoder = new InputEncoder(features);
            var bits = Int(root, "bits", source);
            if (bits != encoder.BitCount)
                throw new DataFormatException($"{source}: \"bits\" is {bits} but the features give {encoder.BitCount}");
            return encoder;
        }
    }

    private static FeatureEncoding ReadFeature(JsonElement item, string where)
    {
        if (item.ValueKind != JsonValueKind.Object)
            throw new DataFormatException($"{where}: expected an object");
        var name = String(item, "name", where);
        var kind = String(item, "kind", where);
        try
        {
            switch (kind)
            {
                case "thermometer":
                    var thresholds = Array(item, "thresholds", where).EnumerateArray()
                        .Select(t => t.ValueKind == JsonValueKind.Number && t.TryGetSingle(out var v)
                            ? v
                            : throw new DataFormatException($"{where} ({name}): threshold {t.GetRawText()} is not a number"))
                        .ToArray();
                    var byteInput = item.TryGetProperty("byte_input", out var b) && b.ValueKind == JsonValueKind.True;
                    return FeatureEncoding.Thermometer(name, thresholds, byteInput);
                case "one_hot":
                    var categories = Array(item, "categories", where).EnumerateArray()
                        .Select(c => c.ValueKind == JsonValueKind.String
                            ? c.GetString()!
                            : throw new DataFormatException($"{where} ({name}): category {c.GetRawText()} is not a string"))
                        .ToArray();
                    return FeatureEncoding.OneHot(name, categories);
                default:
                    throw new DataFormatException($"{where} ({name}): unknown kind \"{kind}\" (expected thermometer or one_hot)");
            }
        }
        catch (ArgumentException e)
        {
            throw new DataFormatException($"{where}: {e.Message}", e);
        }
    }

    private static JsonElement Property(JsonElement obj, string name, string where) =>
        obj.TryGetProperty(name, out var value) ? value : throw new DataFormatException($"{where}: missing \"{name}\"");

    private static string String(JsonElement obj, string name, string where)
    {
        var value = Property(obj, name, where);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new DataFormatException($"{where}: \"{name}\" must be a string");
    }

    private static int Int(JsonElement obj, string name, string where)
    {
        var value = Property(obj, name, where);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : throw new DataFormatException($"{where}: \"{name}\" must be an integer");
    }

    private static JsonElement Array(JsonElement obj, string name, string where)
    {
        var value = Property(obj, name, where);
        return value.ValueKind == JsonValueKind.Array ? value : throw new DataFormatException($"{where}: \"{name}\" must be an array");
    }
}
