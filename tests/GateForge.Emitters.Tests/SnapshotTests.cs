using GateForge.TestKit;

namespace GateForge.Emitters.Tests;

/// <summary>Approval snapshots of every emitted text file for four small designs.</summary>
public sealed class SnapshotTests
{
    [Fact]
    public void Adder_files_match_snapshots()
    {
        var nl = TestDesigns.Adder();
        Check("adder", nl, TestDesigns.Options("adder", nl, vectors: 8));
    }

    [Fact]
    public void Toy_network_with_head_files_match_snapshots()
    {
        var nl = TestDesigns.Toy();
        Check("toy", nl, TestDesigns.Options("toy", nl, vectors: 8) with { CGatesPerFunction = 20 });
    }

    [Fact]
    public void Pipelined_files_match_snapshots()
    {
        var nl = TestDesigns.Toy();
        Check("pipe", nl, TestDesigns.Options("pipe", nl, vectors: 8) with { Pipelined = TestDesigns.Pipelined(nl) });
    }

    [Fact]
    public void Axi_stream_files_match_snapshots()
    {
        var nl = TestDesigns.Toy();
        var options = TestDesigns.Options("axis", nl, vectors: 8) with
        {
            Pipelined = TestDesigns.Pipelined(nl, every: 3),
            Axi = true,
            Artifacts = EmitArtifacts.Verilog | EmitArtifacts.TestBench | EmitArtifacts.Scripts,
        };
        Check("axis", nl, options);
    }

    [Fact]
    public void Encoder_top_matches_snapshot()
    {
        var nl = TestDesigns.Toy(inputs: 6);
        var options = new EmitOptions
        {
            DesignName = "enc",
            EncoderThresholds = [[10, 200], [128], [0, 64, 255]],
            Artifacts = EmitArtifacts.Verilog,
        };
        using var dir = new TempDir();
        var result = DesignEmitter.Emit(nl, options, dir.File("enc"));
        Snapshot.Match(File.ReadAllText(Path.Combine(result.OutputDir, "enc_enc.v")), "enc.enc_enc", "v");
    }

    private static void Check(string name, Ir.Netlist nl, EmitOptions options)
    {
        using var dir = new TempDir();
        var result = DesignEmitter.Emit(nl, options, dir.File(name));
        var matched = new List<string>();
        foreach (var (file, text) in TestDesigns.ReadTextFiles(result))
        {
            var ext = Path.GetExtension(file).TrimStart('.');
            matched.Add(name + "." + file.Replace('.', '_'));
            Snapshot.Match(text, matched[^1], ext.Length == 0 ? "txt" : ext);
        }
        Snapshot.NoneMissing(name, matched);
    }
}
