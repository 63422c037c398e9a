namespace GateForge.Emitters;

/// <summary>
/// Writes a folder all or nothing: files go into a hidden sibling folder, which replaces the
/// target by a rename when every file is written. When the target already exists, each new file
/// is moved over the old one (one rename each) and other files in it are left alone. On failure
/// the sibling folder is deleted, so nothing half-written is left.
/// </summary>
internal sealed class AtomicFolder : IDisposable
{
    private readonly string _target;
    private bool _committed;

    public AtomicFolder(string target)
    {
        _target = Path.GetFullPath(target);
        var parent = Path.GetDirectoryName(_target.TrimEnd(Path.DirectorySeparatorChar))
            ?? throw new IOException($"{target}: cannot emit into a file-system root");
        var name = Path.GetFileName(_target.TrimEnd(Path.DirectorySeparatorChar));
        if (File.Exists(_target))
            throw new IOException($"{_target}: exists and is a file, not a folder");
        try
        {
            Directory.CreateDirectory(parent);
            Staging = Path.Combine(parent, $".{name}.emit-{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(Staging);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException or NotSupportedException)
        {
            throw new IOException($"{_target}: cannot create the output folder: {e.Message}", e);
        }
    }

    /// <summary>The temporary folder to write into.</summary>
    public string Staging { get; } = "";

    public string PathOf(string name) => Path.Combine(Staging, name);

    public void Commit(IEnumerable<string> files)
    {
        try
        {
            if (!Directory.Exists(_target))
            {
                Directory.Move(Staging, _target);
            }
            else
            {
                foreach (var f in files)
                    File.Move(Path.Combine(Staging, f), Path.Combine(_target, f), overwrite: true);
                Directory.Delete(Staging, recursive: true);
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new IOException($"{_target}: cannot move the emitted files into place: {e.Message}", e);
        }
        _committed = true;
    }

    public void Dispose()
    {
        if (_committed || !Directory.Exists(Staging))
            return;
        try
        {
            Directory.Delete(Staging, recursive: true);
        }
        catch (IOException)
        {
            // best effort: the error that got us here is what the caller needs to see
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
