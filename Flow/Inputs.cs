using GateForge.Flow.Reports;

namespace GateForge.Flow;

/// <summary>Checks of command-line inputs; each failure is a <see cref="FlowUsageException"/> naming the path and the problem.</summary>
public static class Inputs
{
    public static string RequireFile(string path, string what) => Require(path, what, folder: false);

    public static string RequireFolder(string path, string what) => Require(path, what, folder: true);

    // The full path of an existing file (or folder); the other kind in its place is named as such.
    private static string Require(string path, string what, bool folder)
    {
        var (isWanted, isOther) = folder ? (Directory.Exists(path), File.Exists(path)) : (File.Exists(path), Directory.Exists(path));
        if (isOther)
            throw new FlowUsageException(folder ? $"{what} '{path}' is a file, expected a folder" : $"{what} '{path}' is a folder, expected a file");
        if (!isWanted)
            throw new FlowUsageException($"{what} '{path}' does not exist");
        return Path.GetFullPath(path);
    }

    /// <summary>A design folder holding a report.json, or the report.json itself.</summary>
    public static string ReportPath(string designOrReport)
    {
        if (File.Exists(designOrReport))
        {
            if (!designOrReport.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                throw new FlowUsageException($"'{designOrReport}' is not a report: expected a design folder or a report.json");
            return Path.GetFullPath(designOrReport);
        }
        var folder = RequireFolder(designOrReport, "design folder");
        var path = Path.Combine(folder, ReportJson.FileName);
        if (!File.Exists(path))
            throw new FlowUsageException($"design folder '{designOrReport}' has no {ReportJson.FileName} (is it a folder written by `gateforge emit`?)");
        return path;
    }

    public static void RequirePositive(int value, string option)
    {
        if (value <= 0)
            throw new FlowUsageException($"{option} must be a positive number, got {value}");
    }

    public static void RequireRange(double value, double min, double max, string option)
    {
        if (!(value >= min && value <= max))
            throw new FlowUsageException($"{option} must be between {min} and {max}, got {value}");
    }

    /// <summary>A design name as a Verilog/C identifier (ARCHITECTURE: `mnist-demo` → `mnist_demo`).</summary>
    public static string Identifier(string name)
    {
        var chars = name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray();
        var id = new string(chars);
        if (id.Length == 0 || char.IsAsciiDigit(id[0]))
            id = "d_" + id;
        return id;
    }
}
