using System.Globalization;
using System.Text;

namespace GateForge.Ir;

/// <summary>
/// The one way a reader quotes user input in an error: at most <see cref="MaxChars"/> characters,
/// on one line, control characters and bytes outside printable ASCII escaped (\n, \xff, \u2028).
/// Before it, a JSON error quoted the rest of a fuzzed file (25,406 lines) and an AIGER symbol error
/// printed a raw newline.
/// </summary>
public static class Excerpt
{
    public const int MaxChars = 40;

    /// <summary>Raw bytes (any encoding, possibly invalid UTF-8), escaped byte by byte.</summary>
    public static string Of(ReadOnlySpan<byte> bytes, int maxChars = MaxChars)
    {
        var sb = new StringBuilder();
        foreach (var b in bytes)
        {
            if (sb.Length >= maxChars)
                return sb.Append('…').ToString();
            Append(sb, (char)b, isByte: true);
        }
        return sb.ToString();
    }

    /// <summary>Decoded text, escaped character by character.</summary>
    /// <remarks>Null (a JSON null where a string belongs) quotes as nothing, as string interpolation did.</remarks>
    public static string Of(string? text, int maxChars = MaxChars) => Escape(text ?? "", maxChars, keepBackslash: false);

    /// <summary>One byte as it appears in a "found 'x'" message.</summary>
    public static string Of(byte b) => Of(new[] { b }.AsSpan());

    /// <summary>Makes a whole message one line of bounded length (for messages from libraries that quote input).</summary>
    /// <remarks>Backslashes stay as they are: the message may hold excerpts escaped already.</remarks>
    public static string OneLine(string message, int maxChars = 200) => Escape(message, maxChars, keepBackslash: true);

    private static string Escape(string text, int maxChars, bool keepBackslash)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            if (sb.Length >= maxChars)
                return sb.Append('…').ToString();
            if (c == '\\' && keepBackslash)
                sb.Append(c);
            else
                Append(sb, c, isByte: false);
        }
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, char c, bool isByte)
    {
        switch (c)
        {
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\\': sb.Append("\\\\"); return;
        }
        if (c is >= ' ' and < (char)127)
            sb.Append(c);
        else if (!isByte && c >= (char)160 && !char.IsControl(c) && !char.IsSurrogate(c) && c is not ('\u2028' or '\u2029' or '\u0085' or '\ufeff' or '\ufffd'))
            sb.Append(c);
        else if (isByte || c <= (char)0xff)
            sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
        else
            sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
    }
}
