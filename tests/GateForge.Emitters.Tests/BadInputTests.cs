using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GateForge.Ir;
using GateForge.TestKit;

namespace GateForge.Emitters.Tests;

/// <summary>Bad options, bad netlists and unwritable folders: a one-line error and nothing left behind.</summary>
public sealed class BadInputTests
{
    private static readonly Netlist Adder = TestDesigns.Adder();

    [Theory]
    [InlineData("")]
    [InlineData("Adder")]
    [InlineData("mnist-demo")]
    [InlineData("9lives")]
    [InlineData("module")]
    [InlineData("logic")]
    [InlineData("n12")]
    public void Design_name_must_be_a_lower_case_identifier(string name) =>
        Refused<ArgumentException>(Adder, new EmitOptions { DesignName = name }, "design name");

    [Fact]
    public void Axi_needs_the_pipelined_netlist() =>
        Refused<ArgumentException>(Adder, new EmitOptions { DesignName = "adder", Axi = true }, "AXI4-Stream");

    [Fact]
    public void Encoder_thresholds_must_be_8_bit_and_cover_the_input_bus()
    {
        var nl = TestDesigns.Toy(inputs: 4);
        Refused<ArgumentException>(nl, new EmitOptions { DesignName = "toy", EncoderThresholds = [[1, 2], [300, 4]] }, "threshold 300");
        Refused<ArgumentException>(nl, new EmitOptions { DesignName = "toy", EncoderThresholds = [[1, 2], [3]] }, "3 bits");
        Refused<ArgumentException>(Adder, new EmitOptions { DesignName = "adder", EncoderThresholds = [[1, 2, 3, 4], [5, 6, 7, 8]] }, "one input bus");
    }

    [Fact]
    public void Vectors_must_fit_the_netlist()
    {
        var other = TestDesigns.Vectors(TestDesigns.Adder(3), 10);
        Refused<ArgumentException>(Adder, new EmitOptions { DesignName = "adder", Vectors = other }, "input rows");
        var empty = new EmitVectors(new PackedBits(Adder.InputCount, 0), new PackedBits(Adder.OutputCount, 0));
        Refused<ArgumentException>(Adder, new EmitOptions { DesignName = "adder", Vectors = empty }, "empty");
    }

    [Fact]
    public void Other_bad_options_are_refused()
    {
        Refused<ArgumentException>(Adder, new EmitOptions { DesignName = "adder", FpgaPart = "xc7 a35t" }, "FPGA part");
        Refused<ArgumentException>(Adder, new EmitOptions { DesignName = "adder", CGatesPerFunction = -1 }, "CGatesPerFunction");
        Refused<ArgumentException>(Adder, new EmitOptions { DesignName = "adder", Artifacts = (EmitArtifacts)1024 }, "artifact");
    }

    [Fact]
    public void Sequential_or_mismatched_pipelined_netlists_are_refused()
    {
        var toy = TestDesigns.Toy();
        var pipelined = TestDesigns.Pipelined(toy);
        Refused<ArgumentException>(pipelined, new EmitOptions { DesignName = "toy" }, "latches");
        Refused<ArgumentException>(Adder, new EmitOptions { DesignName = "adder", Pipelined = pipelined }, "data buses differ");
        Refused<ArgumentException>(toy, new EmitOptions { DesignName = "toy", Pipelined = toy }, "in_valid");
    }

    [Fact]
    public void A_netlist_that_fails_verify_is_refused_before_writing()
    {
        var nl = TestDesigns.Adder();
        var gate = Enumerable.Range(1, nl.NodeCount - 1).First(n => nl.Kind(n) == NodeKind.And);
        // Corrupt the immutable arrays in place: a fanin that points forward.
        ref var f1 = ref MemoryMarshal.GetReference(nl.Fanin1);
        Unsafe.Add(ref f1, gate) = Lit.Make(nl.NodeCount - 1);
        Refused<NetlistException>(nl, new EmitOptions { DesignName = "adder" }, "topological");
    }

    [Fact]
    public void An_output_folder_that_cannot_be_created_is_an_io_error_and_leaves_nothing()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("plain-file"), "x");
        var target = Path.Combine(dir.File("plain-file"), "design");
        var e = Assert.Throws<IOException>(() => DesignEmitter.Emit(Adder, new EmitOptions { DesignName = "adder" }, target));
        Assert.Contains("design", e.Message);
        Assert.Single(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_failure_while_moving_files_into_place_leaves_no_staging_folder()
    {
        using var dir = new TempDir();
        var target = dir.File("out");
        Directory.CreateDirectory(Path.Combine(target, "adder.v")); // a folder where a file must go
        Assert.Throws<IOException>(() => DesignEmitter.Emit(Adder, new EmitOptions { DesignName = "adder" }, target));
        Assert.Equal([target], Directory.EnumerateFileSystemEntries(dir.Path));
        Assert.Equal([Path.Combine(target, "adder.v")], Directory.EnumerateFileSystemEntries(target));
    }

    private static void Refused<T>(Netlist nl, EmitOptions options, string fragment) where T : Exception
    {
        using var dir = new TempDir();
        var e = Assert.Throws<T>(() => DesignEmitter.Emit(nl, options, dir.File("out")));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }
}
