namespace GateForge.Ir;

/// <summary>
/// AIGER 1.9 (http://fmv.jku.at/aiger/FORMAT): ASCII <c>.aag</c> and binary <c>.aig</c>. Writing
/// names every input and output bit <c>bus[i]</c> in the symbol table (latches <c>l&lt;k&gt;</c>),
/// turns each XOR into three ANDs the way Yosys does, and writes latch reset values in the 1.9 form
/// (none for 0, 1, or the latch's own literal when uninitialised). Reading auto-detects the
/// format and refuses malformed files with a <see cref="NetlistException"/>.
/// </summary>
public static class Aiger
{
    public static void WriteAscii(Netlist nl, Stream stream) => AigerWriter.Write(nl, stream, binary: false);

    public static void WriteBinary(Netlist nl, Stream stream) => AigerWriter.Write(nl, stream, binary: true);

    /// <summary>Writes <c>.aig</c> (binary) or <c>.aag</c> (ASCII) by the file's extension, to a temporary name then renamed.</summary>
    public static void Save(Netlist nl, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var binary = path.EndsWith(".aig", StringComparison.OrdinalIgnoreCase);
        if (!binary && !path.EndsWith(".aag", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"{path}: an AIGER file name must end in .aag or .aig", nameof(path));
        AtomicOutput.WriteFile(path, s => AigerWriter.Write(nl, s, binary));
    }

    /// <summary>
    /// Reads an AIGER file (ASCII or binary, told apart by the header). Buses come from
    /// <paramref name="interfaceTemplate"/> by position when given (its constraints and attributes
    /// are copied too), else from the <c>name[i]</c> symbols. AND-only: XORs are not recovered.
    /// </summary>
    public static Netlist Read(Stream stream, string sourceName, Netlist? interfaceTemplate = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return AigerReader.Read(InputFile.ReadAll(stream), sourceName, interfaceTemplate);
    }

    public static Netlist Load(string path, Netlist? interfaceTemplate = null)
    {
        using var s = InputFile.OpenRead(path);
        return Read(s, path, interfaceTemplate);
    }
}
