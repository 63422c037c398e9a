using GateForge.Flow.Reports;
using GateForge.TestKit;

namespace GateForge.Cli.Tests;

/// <summary>A conv logic-tree model (SPEC §7) through the CLI: trained on the bars images, then every verb and every check.</summary>
public sealed class ConvEndToEndTests : IDisposable
{
    private const string BarsConfig = """
        {
          "classes": 2,
          "architecture": [
            { "kind": "conv", "channels": 16, "kernel": 3, "depth": 2 },
            { "kind": "orpool" },
            { "kind": "dense", "neurons": 80 }
          ],
          "encoderBits": 1, "encoderMode": "uniform", "init": "residual", "wiring": "unique", "validation": 0, "gumbel": true, "tau": 8, "learningRate": 0.2, "batchSize": 50,
          "steps": 600, "evalEvery": 200, "threads": 1, "seed": 2
        }
        """;

    private readonly TempDir _dir = new("gf-cli-conv");

    [Fact]
    public void Bars_conv_model_trains_freezes_and_passes_every_check()
    {
        var d = _dir.Path;
        File.WriteAllText(_dir.File("bars.json"), BarsConfig);
        var train = CliRunner.Expect(0, d, "train", "--data", "bars", "-c", "{dir}/bars.json", "-o", "{dir}/ck");
        var discrete = System.Text.RegularExpressions.Regex.Match(train.Stdout, @"discrete (\d+\.\d+)%");
        Assert.True(discrete.Success, train.Stdout);
        Assert.True(double.Parse(discrete.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 99.0, train.Stdout);
        CliRunner.Expect(0, d, "freeze", "{dir}/ck", "-o", "{dir}/frozen.json");
        CliRunner.Expect(0, d, "opt", "{dir}/frozen.json", "-o", "{dir}/opt.json", "-O2");
        CliRunner.Expect(0, d, "emit", "{dir}/opt.json", "-o", "{dir}/hw-out/bars");
        var verify = CliRunner.Expect(0, d, "verify", "{dir}/hw-out/bars");
        foreach (var check in new[] { "vs model (simulation)", "C compiler", "Icarus", "Verilator", "netlist.orig.json vs netlist.json (ABC cec)", "through Yosys (ABC cec)" })
            Assert.Contains(check, verify.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", verify.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 fail, 0 skipped", verify.Stdout, StringComparison.Ordinal);

        // per-layer records name kind and shape; the conv histogram counts its 16 trees × 3 gates
        var layers = ReportJson.Load(_dir.File("hw-out/bars/report.json")).Layers;
        Assert.Equal(["conv", "orpool", "dense"], layers.Select(l => l.Kind));
        Assert.Equal(["16x6x6", "16x3x3", "80"], layers.Select(l => l.Shape));
        Assert.Equal(48, layers[0].GateHistogram.Sum());
        Assert.Null(layers[0].Kept);
        Assert.InRange(layers[2].Kept!.Value, 1, 80);
    }

    [Fact]
    public void A_conv_layer_on_tabular_data_is_a_one_line_usage_error()
    {
        File.WriteAllText(_dir.File("bad.json"), BarsConfig);
        var r = CliRunner.Expect(2, _dir.Path, "train", "--data", "monk1", "-c", "{dir}/bad.json", "-o", "{dir}/ck");
        Assert.StartsWith("gateforge: architecture layer 1 (conv) needs image data", r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
        Assert.False(Directory.Exists(_dir.File("ck")));
    }

    public void Dispose() => _dir.Dispose();
}
