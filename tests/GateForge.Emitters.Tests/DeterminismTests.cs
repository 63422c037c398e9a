using GateForge.TestKit;

namespace GateForge.Emitters.Tests;

/// <summary>Same netlist and options, byte-identical files, with no path or folder name inside.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public void Emitting_twice_gives_byte_identical_files()
    {
        var nl = TestDesigns.Toy();
        var options = TestDesigns.Options("toy", nl, vectors: 30) with
        {
            Pipelined = TestDesigns.Pipelined(nl),
            Axi = true,
            OriginalNetlist = nl,
        };
        using var a = new TempDir();
        using var b = new TempDir();
        var first = DesignEmitter.Emit(nl, options, a.File("emitdira"));
        var second = DesignEmitter.Emit(nl, options, b.File("emitdirb"));
        Assert.Equal(first.Files, second.Files);
        Assert.Contains("toy.aig", first.Files);
        Assert.Contains("netlist.orig.json", first.Files);
        foreach (var f in first.Files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(first.OutputDir, f));
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(second.OutputDir, f)));
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            Assert.DoesNotContain("emitdir", text, StringComparison.Ordinal);
            Assert.DoesNotContain(Path.GetTempPath(), text, StringComparison.Ordinal);
        }
        Assert.Equal(first.Files.Order(StringComparer.Ordinal), Directory.EnumerateFiles(first.OutputDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Emitting_into_an_existing_folder_replaces_the_files()
    {
        var nl = TestDesigns.Adder();
        using var dir = new TempDir();
        var target = dir.File("adder");
        DesignEmitter.Emit(nl, new EmitOptions { DesignName = "adder", FpgaPart = "xc7a100tcsg324-1" }, target);
        File.WriteAllText(Path.Combine(target, "report.json"), "{}");
        var r = DesignEmitter.Emit(nl, new EmitOptions { DesignName = "adder" }, target);
        Assert.Contains(EmitOptions.DefaultFpgaPart, File.ReadAllText(Path.Combine(target, "vivado.tcl")));
        Assert.True(File.Exists(Path.Combine(target, "report.json")));
        Assert.Equal([target], Directory.EnumerateFileSystemEntries(dir.Path));
        Assert.Equal(r.Files.Count + 1, Directory.EnumerateFiles(target).Count());
    }
}
