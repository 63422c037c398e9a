using GateForge.Flow.Reports;
using GateForge.Ir.Passes;
using GateForge.Ir.Tools;

namespace GateForge.Cli.Tests;

/// <summary>A report with every section filled, as a finished `demo` would write it.</summary>
internal static class SampleReports
{
    public static DesignReport Full()
    {
        var r = new DesignReport
        {
            Design = "sample",
            Model = new ModelSection
            {
                Config = System.Text.Json.Nodes.JsonNode.Parse("""{"layers":[64,64],"classes":2}"""),
                Accuracy = new AccuracySection { Soft = 0.95, Discrete = 0.94 },
                Gap = 1.0,
                Dataset = "monk1",
                TestSamples = 432,
            },
            Netlist = new NetlistSection { GatesBefore = 300, GatesAfter = 120, Ands = 100, Xors = 20, AndEquivalent = 160, Depth = 9, Latency = 3, PipelineEvery = 4, Inputs = 17, Outputs = 9, Latches = 40 },
            Passes =
            [
                PassRecord.Of("const-fold", true, 300, 250, 1.5, 12, 11),
                PassRecord.Of("dce", true, 250, 130, 0.7, 11, 10),
                PassRecord.Of("balance", true, 130, 120, 2.0, 10, 9),
            ],
            Synthesis =
            [
                new SynthesisRecord("lut6", "yosys synth -lut 6", 40, 12, 52, SynthesisStatus.Ok, "", 1.2),
                new SynthesisRecord("xilinx", "yosys synth_xilinx", 38, 12, 60, SynthesisStatus.Ok, "", 3.4),
            ],
            Equivalence =
            [
                new EquivalenceRecord("netlist before vs after optimisation", CheckStatus.Pass, "432 test + 1000 random vectors"),
                new EquivalenceRecord("verilog in verilator", CheckStatus.Skipped, "verilator is not installed"),
            ],
            Training = new TrainingCurves
            {
                Step = [0, 50, 100],
                Loss = [0.7, 0.4, 0.2],
                SoftAccuracy = [0.5, 0.8, 0.95],
                DiscreteAccuracy = [0.45, 0.78, 0.94],
            },
            Layers =
            [
                new LayerRecord { Layer = 1, Neurons = 64, GateHistogram = Enumerable.Range(0, 16).Select(i => i % 5).ToArray(), Kept = 50 },
                new LayerRecord { Layer = 2, Neurons = 64, GateHistogram = Enumerable.Range(0, 16).Select(i => (i * 3) % 7).ToArray(), Kept = 40 },
            ],
        };
        r.Timings["train"] = 3.2;
        r.Timings["emit"] = 0.4;
        return r;
    }
}
