using System.Globalization;
using System.Text;
using GateForge.Ir;
using GateForge.Sim;
using GateForge.TestKit;

namespace GateForge.Emitters.Tests;

/// <summary>The encoder top: 8-bit features through comparators and the network, against the evaluator on encoded bits.</summary>
public sealed class EncoderTests
{
    [Fact]
    public void Encoder_top_matches_the_evaluator_on_thermometer_coded_features()
    {
        int[][] thresholds = [[0, 127, 254], [100], [30, 60], [255, 200, 5, 9]];
        var nl = TestDesigns.Toy(inputs: 10, seed: 13);
        const int samples = 200;
        var rng = new Random(2);
        var features = new byte[samples, thresholds.Length];
        var bits = new PackedBits(nl.InputCount, samples);
        for (var s = 0; s < samples; s++)
        {
            var k = 0;
            for (var f = 0; f < thresholds.Length; f++)
            {
                // Values at and around the thresholds matter most for a comparator.
                var t = thresholds[f][rng.Next(thresholds[f].Length)];
                features[s, f] = (byte)Math.Clamp(rng.Next(4) == 0 ? rng.Next(256) : t + rng.Next(-1, 2), 0, 255);
                foreach (var th in thresholds[f])
                    bits.Set(k++, s, features[s, f] > th);
            }
        }
        var expected = CombEvaluator.Evaluate(nl, bits);
        using var dir = new TempDir();
        var r = DesignEmitter.Emit(nl, new EmitOptions { DesignName = "toy", EncoderThresholds = thresholds, Artifacts = EmitArtifacts.Verilog }, dir.File("toy"));
        var featureLines = new StringBuilder();
        for (var s = 0; s < samples; s++)
        {
            for (var f = thresholds.Length - 1; f >= 0; f--)
                featureLines.Append(features[s, f].ToString("x2", CultureInfo.InvariantCulture));
            featureLines.Append('\n');
        }
        File.WriteAllText(Path.Combine(r.OutputDir, "features.hex"), featureLines.ToString());
        using (var w = new StreamWriter(Path.Combine(r.OutputDir, "expected.hex")))
            HexVectors.WriteOutputs(nl, expected, w);
        var nf = thresholds.Length * 8;
        var no = nl.OutputCount;
        File.WriteAllText(Path.Combine(r.OutputDir, "enc_bench.v"), $$"""
            module enc_bench;
              reg [{{nf - 1}}:0] fin [0:{{samples - 1}}];
              reg [{{no - 1}}:0] want [0:{{samples - 1}}];
              reg [{{nf - 1}}:0] features;
              wire [{{nl.OutputBus("scores").Width - 1}}:0] scores;
              wire [{{nl.OutputBus("class_id").Width - 1}}:0] class_id;
              integer i;
              toy_enc dut (.features(features), .scores(scores), .class_id(class_id));
              initial begin
                $readmemh("features.hex", fin);
                $readmemh("expected.hex", want);
                for (i = 0; i < {{samples}}; i = i + 1) begin
                  features = fin[i];
                  #1;
                  if ({class_id, scores} !== want[i]) begin
                    $display("FAIL vector %0d: expected %h got %h", i, want[i], {class_id, scores});
                    $finish;
                  end
                end
                $display("PASS %0d/%0d", i, i);
                $finish;
              end
            endmodule
            """);
        var output = Tools.Icarus(r.OutputDir, "enc_bench", "toy.v", "toy_enc.v", "enc_bench.v");
        Assert.Contains($"PASS {samples}/{samples}", output);
    }
}
