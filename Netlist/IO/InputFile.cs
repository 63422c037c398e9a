namespace GateForge.Ir;

/// <summary>Reading helpers shared by the netlist formats (writes go through <see cref="AtomicOutput"/>).</summary>
internal static class InputFile
{
    private const int BufferSize = 1 << 16;

    /// <summary>Opens a file for reading; a missing or unreadable file is a <see cref="NetlistException"/> naming it.</summary>
    public static FileStream OpenRead(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NetlistException($"{path}: cannot open: {e.Message}", e);
        }
    }

    /// <summary>The whole stream as one array (the readers parse from memory: fast and simple).</summary>
    public static byte[] ReadAll(Stream stream)
    {
        if (stream.CanSeek)
        {
            var length = stream.Length - stream.Position;
            if (length > Array.MaxLength)
                throw new NetlistException("file is too large");
            var data = new byte[length];
            stream.ReadExactly(data);
            return data;
        }
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return ms.ToArray();
    }
}
