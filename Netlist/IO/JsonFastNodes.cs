namespace GateForge.Ir;

/// <summary>
/// The fast path for the <c>"nodes"</c> array of <c>netlist.json</c> when it is the last field, as
/// <see cref="NetlistJson.Write"/> puts it: a plain byte scanner for <c>[k, a, b]</c> triples,
/// several times faster than a token reader. It accepts only what the general path accepts and
/// gives up (returns false, leaving the document as it was) at anything unusual, so the general
/// path parses those files and words every error.
/// </summary>
internal static class FastNodes
{
    public static bool TryRead(byte[] data, int pos, JsonNetlistReader.Document doc)
    {
        var savedCount = doc.Count;
        var savedInputs = doc.InputNodes;
        var savedLatches = doc.Latches.Count;
        if (Scan(data, pos, doc))
        {
            doc.HasNodes = true;
            return true;
        }
        doc.Count = savedCount;
        doc.InputNodes = savedInputs;
        doc.Latches.RemoveRange(savedLatches, doc.Latches.Count - savedLatches);
        return false;
    }

    private static bool Scan(byte[] data, int p, JsonNetlistReader.Document doc)
    {
        var n = data.Length;
        SkipSpace(data, ref p);
        if (p < n && data[p] == (byte)':')
            p++;
        SkipSpace(data, ref p);
        if (p >= n || data[p++] != (byte)'[')
            return false;
        doc.ReserveDeclared(data.Length);
        SkipSpace(data, ref p);
        var first = true;
        while (true)
        {
            if (p >= n)
                return false;
            if (data[p] == (byte)']')
            {
                p++;
                break;
            }
            if (!first)
            {
                if (data[p++] != (byte)',')
                    return false;
                SkipSpace(data, ref p);
            }
            first = false;
            if (p >= n || data[p++] != (byte)'[')
                return false;
            if (!Number(data, ref p, out var kind) || !Comma(data, ref p) || !Number(data, ref p, out var a)
                || !Comma(data, ref p) || !Number(data, ref p, out var b))
                return false;
            SkipSpace(data, ref p);
            if (p >= n || data[p++] != (byte)']')
                return false;
            SkipSpace(data, ref p);

            var i = doc.Count;
            switch (kind)
            {
                case (int)NodeKind.Input:
                    if (a != doc.InputNodes || b != 0)
                        return false;
                    doc.InputNodes++;
                    break;
                case (int)NodeKind.And:
                case (int)NodeKind.Xor:
                    if (a >> 1 >= i || b >> 1 >= i)
                        return false;
                    break;
                case (int)NodeKind.Latch:
                    if (b > 2)
                        return false;
                    doc.Latches.Add((i, 0));
                    break;
                default:
                    return false;
            }
            doc.AddNode(kind, a, b);
        }
        // Only the closing brace of the netlist object may follow.
        SkipSpace(data, ref p);
        if (p >= n || data[p++] != (byte)'}')
            return false;
        SkipSpace(data, ref p);
        return p == n;
    }

    private static bool Comma(byte[] data, ref int p)
    {
        SkipSpace(data, ref p);
        if (p >= data.Length || data[p] != (byte)',')
            return false;
        p++;
        return true;
    }

    /// <summary>A non-negative decimal int without sign, fraction or exponent (anything else goes to the general path).</summary>
    private static bool Number(byte[] data, ref int p, out int value)
    {
        SkipSpace(data, ref p);
        value = 0;
        var start = p;
        long v = 0;
        while (p < data.Length && (uint)(data[p] - '0') <= 9)
        {
            v = v * 10 + (data[p] - '0');
            if (v > int.MaxValue)
                return false;
            p++;
        }
        var digits = p - start;
        if (digits == 0 || (digits > 1 && data[start] == (byte)'0'))
            return false; // empty, or a leading zero JSON does not allow
        if (p < data.Length && data[p] is (byte)'.' or (byte)'e' or (byte)'E')
            return false;
        value = (int)v;
        return true;
    }

    private static void SkipSpace(byte[] data, ref int p)
    {
        while (p < data.Length && data[p] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
            p++;
    }
}
