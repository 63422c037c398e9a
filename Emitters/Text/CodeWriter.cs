using System.Globalization;
using System.Text;

namespace GateForge.Emitters.Text;

/// <summary>
/// A buffered, streaming text writer for generated code: LF line ends, UTF-8 without BOM, and
/// integers formatted without culture or allocation. Gate bodies (millions of lines) go through it
/// straight to the file; nothing builds the whole text in memory.
/// </summary>
public sealed class CodeWriter : IDisposable
{
    private const int BufferSize = 1 << 16;
    private readonly StreamWriter _writer;
    private readonly char[] _digits = new char[16];

    public CodeWriter(string path)
    {
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(false), BufferSize) { NewLine = "\n" };
    }

    public CodeWriter Write(string text)
    {
        _writer.Write(text);
        return this;
    }

    public CodeWriter Write(char c)
    {
        _writer.Write(c);
        return this;
    }

    public CodeWriter Write(long value)
    {
        value.TryFormat(_digits, out var n, default, CultureInfo.InvariantCulture);
        _writer.Write(_digits, 0, n);
        return this;
    }

    public CodeWriter Line(string text)
    {
        _writer.Write(text);
        _writer.Write('\n');
        return this;
    }

    public CodeWriter Line()
    {
        _writer.Write('\n');
        return this;
    }

    public void Dispose() => _writer.Dispose();
}
