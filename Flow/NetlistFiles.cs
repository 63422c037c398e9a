using GateForge.Flow.Reports;
using GateForge.Ir;

namespace GateForge.Flow;

/// <summary>
/// Netlist files on the command line: <c>.json</c> (GateForge netlist), <c>.aag</c>/<c>.aig</c>
/// (AIGER), or a design folder (its <c>netlist.json</c>). Beside each netlist file the CLI keeps a
/// partial report, <c>&lt;name&gt;.report.json</c>, so facts from earlier steps (accuracy, passes)
/// travel with the netlist to the design folder.
/// </summary>
public static class NetlistFiles
{
    public const string DesignNetlist = Names.Files.Netlist;
    public const string OriginalNetlist = Names.Files.OriginalNetlist;

    public static string Resolve(string path)
    {
        if (Directory.Exists(path))
        {
            var inFolder = Path.Combine(path, DesignNetlist);
            if (!File.Exists(inFolder))
                throw new FlowUsageException($"folder '{path}' has no {DesignNetlist} (expected a design folder written by `gateforge emit`)");
            return Path.GetFullPath(inFolder);
        }
        Inputs.RequireFile(path, "netlist");
        return Path.GetFullPath(path);
    }

    public static Netlist Load(string path)
    {
        var file = Resolve(path);
        var ext = Path.GetExtension(file).ToLowerInvariant();
        return ext switch
        {
            ".json" => NetlistJson.Load(file),
            ".aag" or ".aig" => Aiger.Load(file),
            _ => throw new FlowUsageException($"'{path}': unknown netlist file type '{ext}' (expected .json, .aag or .aig)"),
        };
    }

    public static void Save(Netlist netlist, string path)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        switch (ext)
        {
            case ".json":
                NetlistJson.Save(netlist, path);
                break;
            case ".aag" or ".aig":
                Aiger.Save(netlist, path);
                break;
            default:
                throw new FlowUsageException($"'{path}': cannot write a netlist as '{ext}' (use .json, .aag or .aig)");
        }
    }

    /// <summary>Refuses an output path before any work is done (wrong type, a folder in the way).</summary>
    public static void CheckOutput(string path)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is not (".json" or ".aag" or ".aig"))
            throw new FlowUsageException($"output '{path}': unknown netlist file type '{ext}' (use .json, .aag or .aig)");
        if (Directory.Exists(path))
            throw new FlowUsageException($"output '{path}' is a folder, expected a file name");
    }

    public static string SidecarOf(string netlistPath)
    {
        var full = Path.GetFullPath(netlistPath);
        var dir = Path.GetDirectoryName(full)!;
        if (Path.GetFileName(full) == DesignNetlist && File.Exists(Path.Combine(dir, ReportJson.FileName)))
            return Path.Combine(dir, ReportJson.FileName);
        return Path.Combine(dir, Path.GetFileNameWithoutExtension(full) + ".report.json");
    }

    /// <summary>The partial report beside a netlist, or a new one.</summary>
    public static DesignReport LoadSidecar(string netlistPath, string design)
    {
        var sidecar = SidecarOf(netlistPath);
        return File.Exists(sidecar) ? ReportJson.Load(sidecar) : new DesignReport { Design = design };
    }

    public static void SaveSidecar(DesignReport report, string netlistPath)
    {
        var sidecar = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(netlistPath))!,
            Path.GetFileNameWithoutExtension(netlistPath) + ".report.json");
        ReportJson.Save(report, sidecar);
    }

    public static NetlistSection Section(Netlist netlist, long? gatesBefore)
    {
        var s = NetlistStats.Compute(netlist);
        var latency = netlist.Attribute(Names.Attributes.PipelineLatency) is { } l && int.TryParse(l, out var v) ? v : 0;
        return new NetlistSection
        {
            GatesBefore = gatesBefore,
            GatesAfter = s.Ands + s.Xors,
            Ands = s.Ands,
            Xors = s.Xors,
            AndEquivalent = s.AndEquivalent,
            Depth = s.Depth,
            Latency = latency,
            Inputs = s.Inputs,
            Outputs = s.Outputs,
            Latches = s.Latches,
        };
    }
}
