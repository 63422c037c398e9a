using System.Text;

namespace GateForge.Fuzz;

/// <summary>Byte-level mutations of a valid file: flips, interesting bytes and numbers, inserted,
/// deleted and duplicated runs, truncation, and splices with another seed.</summary>
public static class Mutator
{
    private static readonly byte[] Interesting = "\0\n\r\t \"\\[]{},:-+.0123456789eEaigc\xff\x7f\x80"u8.ToArray();
    private static readonly string[] Numbers = ["0", "-1", "1", "2147483647", "2147483648", "-2147483648", "4294967295", "99999999999999999999", "1e308", "NaN", "0.5", "65536"];

    public static byte[] Mutate(Random rng, byte[] input, IReadOnlyList<byte[]> seeds)
    {
        var data = new List<byte>(input);
        var ops = 1 + rng.Next(4);
        for (var k = 0; k < ops; k++)
            Apply(rng, data, seeds);
        return [.. data];
    }

    private static void Apply(Random rng, List<byte> data, IReadOnlyList<byte[]> seeds)
    {
        var at = data.Count == 0 ? 0 : rng.Next(data.Count);
        switch (rng.Next(9))
        {
            case 0 when data.Count > 0:
                data[at] ^= (byte)(1 << rng.Next(8));
                break;
            case 1 when data.Count > 0:
                data[at] = Interesting[rng.Next(Interesting.Length)];
                break;
            case 2:
                data.Insert(at, rng.Next(2) == 0 ? Interesting[rng.Next(Interesting.Length)] : (byte)rng.Next(256));
                break;
            case 3 when data.Count > 0:
                data.RemoveRange(at, Math.Min(data.Count - at, 1 + rng.Next(16)));
                break;
            case 4 when data.Count > 0:
                var length = Math.Min(data.Count - at, 1 + rng.Next(64));
                data.InsertRange(rng.Next(data.Count + 1), data.GetRange(at, length));
                break;
            case 5:
                data.RemoveRange(at, data.Count - at);
                break;
            case 6:
                ReplaceNumber(rng, data);
                break;
            case 7 when seeds.Count > 0:
                var other = seeds[rng.Next(seeds.Count)];
                var from = rng.Next(other.Length + 1);
                data.RemoveRange(at, data.Count - at);
                data.AddRange(other.AsSpan(from).ToArray());
                break;
            default:
                if (data.Count > 0)
                    data[at] = (byte)rng.Next(256);
                break;
        }
    }

    /// <summary>Replaces the digit run at a random place with a boundary number.</summary>
    private static void ReplaceNumber(Random rng, List<byte> data)
    {
        var digits = new List<int>();
        for (var i = 0; i < data.Count; i++)
            if (data[i] is >= (byte)'0' and <= (byte)'9' && (i == 0 || data[i - 1] is < (byte)'0' or > (byte)'9'))
                digits.Add(i);
        if (digits.Count == 0)
            return;
        var start = digits[rng.Next(digits.Count)];
        var end = start;
        while (end < data.Count && data[end] is >= (byte)'0' and <= (byte)'9')
            end++;
        data.RemoveRange(start, end - start);
        data.InsertRange(start, Encoding.ASCII.GetBytes(Numbers[rng.Next(Numbers.Length)]));
    }
}
