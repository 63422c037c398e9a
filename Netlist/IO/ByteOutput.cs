using System.Buffers.Text;
using System.Text;

namespace GateForge.Ir;

/// <summary>A small buffered byte writer for the text and binary formats: numbers formatted in
/// place, no per-item allocations.</summary>
internal sealed class ByteOutput
{
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;

    public ByteOutput(Stream stream) => _stream = stream;

    public void Byte(byte b)
    {
        if (_used == _buffer.Length)
            Flush();
        _buffer[_used++] = b;
    }

    public void Number(long value)
    {
        if (_buffer.Length - _used < 24)
            Flush();
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_used), out var written);
        _used += written;
    }

    public void Text(string s)
    {
        var max = Encoding.UTF8.GetMaxByteCount(s.Length);
        if (_buffer.Length - _used < max)
        {
            Flush();
            if (max > _buffer.Length)
            {
                _stream.Write(Encoding.UTF8.GetBytes(s));
                return;
            }
        }
        _used += Encoding.UTF8.GetBytes(s, _buffer.AsSpan(_used));
    }

    /// <summary>AIGER's 7-bit variable-length unsigned integer (low groups first, high bit = more).</summary>
    public void Varint(uint value)
    {
        if (_buffer.Length - _used < 5)
            Flush();
        while (value >= 0x80)
        {
            _buffer[_used++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[_used++] = (byte)value;
    }

    public void Flush()
    {
        _stream.Write(_buffer, 0, _used);
        _used = 0;
    }
}
