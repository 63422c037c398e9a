using System.Text.Json;
using System.Text.Json.Serialization;

namespace GateForge.Ir.Passes;

/// <summary>
/// A <see cref="PassRecord"/> in report.json: <c>{name, changed, before, after, ms, depth_before,
/// depth_after}</c> (the step's text, gates, milliseconds to two decimals, logic levels). Every key
/// is required on reading.
/// </summary>
public sealed class PassRecordJsonConverter : JsonConverter<PassRecord>
{
    private static readonly string[] Keys = ["name", "changed", "before", "after", "ms", "depth_before", "depth_after"];

    public override void Write(Utf8JsonWriter writer, PassRecord value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(Keys[0], value.Text);
        writer.WriteBoolean(Keys[1], value.Changed);
        writer.WriteNumber(Keys[2], value.GatesBefore);
        writer.WriteNumber(Keys[3], value.GatesAfter);
        writer.WriteNumber(Keys[4], value.Milliseconds);
        writer.WriteNumber(Keys[5], value.DepthBefore);
        writer.WriteNumber(Keys[6], value.DepthAfter);
        writer.WriteEndObject();
    }

    public override PassRecord Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("a pass record is an object");
        string? name = null;
        bool? changed = null;
        var numbers = new double?[Keys.Length];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString();
            reader.Read();
            switch (key)
            {
                case "name" when reader.TokenType == JsonTokenType.String:
                    name = reader.GetString();
                    break;
                case "changed" when reader.TokenType is JsonTokenType.True or JsonTokenType.False:
                    changed = reader.GetBoolean();
                    break;
                default:
                    var at = Array.IndexOf(Keys, key);
                    if (at < 2 || reader.TokenType != JsonTokenType.Number)
                        throw new JsonException($"pass record: \"{Excerpt.Of(key)}\" is unknown or of the wrong type");
                    numbers[at] = reader.GetDouble();
                    break;
            }
        }
        var missing = Keys.Where((k, i) => i switch { 0 => name is null, 1 => changed is null, _ => numbers[i] is null }).FirstOrDefault();
        if (missing is not null)
            throw new JsonException($"a pass record has no \"{missing}\"");
        return PassRecord.Of(name!, changed!.Value, Whole(numbers[2]), Whole(numbers[3]), numbers[4]!.Value, Whole(numbers[5]), Whole(numbers[6]));
    }

    private static int Whole(double? value) =>
        value is { } v && v == Math.Floor(v) && v is >= 0 and <= int.MaxValue ? (int)v : throw new JsonException($"{value} is not a count");
}
