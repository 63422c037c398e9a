namespace GateForge.Ir;

/// <summary>File helpers shared by the netlist formats: writes go to a temporary name in the same
/// folder and are renamed into place, so a reader never sees a half-written file.</summary>
internal static class AtomicFile
{
    private const int BufferSize = 1 << 16;

    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var tmp = $"{full}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        try
        {
            using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize))
                write(fs);
            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
    }

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

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // best effort
        }
        catch (UnauthorizedAccessException)
        {
            // best effort
        }
    }
}
