using System.Globalization;
using System.Text;

namespace GateForge.Fuzz;

/// <summary>Small pieces the structure-aware generators draw from.</summary>
internal static class Grammar
{
    private static readonly string[] Names = ["x", "y", "a", "b", "z", "x y", "é", "x\\", "[0]", "x[", "x]", "\"q\"", "\u2028"];

    public static string Int(Random rng) => rng.Next(10) switch
    {
        0 => "-1",
        1 => "2147483647",
        2 => "4294967296",
        3 => "0",
        _ => rng.Next(12).ToString(CultureInfo.InvariantCulture),
    };

    public static string Float(Random rng) => rng.Next(8) switch
    {
        0 => "NaN",
        1 => "1e309",
        2 => "-0",
        3 => "\"2\"",
        _ => (rng.NextDouble() * 4 - 1).ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>A symbol name: mostly <c>name[i]</c>, sometimes plain, odd or duplicated.</summary>
    public static string Symbol(Random rng) => rng.Next(4) == 0
        ? Names[rng.Next(Names.Length)]
        : $"{Names[rng.Next(3)]}[{(rng.Next(6) == 0 ? "0" + rng.Next(3) : rng.Next(6).ToString(CultureInfo.InvariantCulture))}]";

    public static string JsonValue(Random rng, string[] strings) => rng.Next(7) switch
    {
        0 => Int(rng),
        1 => Float(rng),
        2 => rng.Next(2) == 0 ? "true" : "false",
        3 => "null",
        4 => "[1, 2]",
        5 => "{}",
        _ => $"\"{strings[rng.Next(strings.Length)]}\"",
    };

    public static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    public static byte[] Ascii(StringBuilder sb) => Encoding.UTF8.GetBytes(sb.ToString());

    public static void Shuffle<T>(Random rng, IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
