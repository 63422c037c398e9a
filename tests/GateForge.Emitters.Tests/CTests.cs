using GateForge.Ir;
using GateForge.Sim;
using GateForge.TestKit;

namespace GateForge.Emitters.Tests;

/// <summary>The emitted C compiled by gcc with -Werror, against the core evaluator.</summary>
public sealed class CTests
{
    private const int Samples = 10_000;

    /// <summary>
    /// Test driver: reads the inputs as PackedBits rows (in.bin), evaluates 64 samples per call,
    /// writes the outputs in the same layout (out.bin); then runs predict on unpacked bytes (bits.bin)
    /// and writes scores and class ids (pred.bin).
    /// </summary>
    private const string Driver = """
        #include <stdio.h>
        #include <stdlib.h>
        #include "DESIGN.h"
        #define NI PREFIX_NUM_INPUTS
        #define NO PREFIX_NUM_OUTPUTS
        static uint64_t *load(const char *path, size_t count)
        {
            FILE *f = fopen(path, "rb");
            uint64_t *data = malloc(count * sizeof *data);
            if (!f || !data || fread(data, sizeof *data, count, f) != count) { fprintf(stderr, "cannot read %s\n", path); exit(2); }
            fclose(f);
            return data;
        }
        int main(int argc, char **argv)
        {
            size_t words = (size_t)atol(argv[1]);
            uint64_t *in = load("in.bin", NI * words);
            uint64_t *out = malloc(NO * words * sizeof *out);
            uint64_t a[NI + 1], b[NO + 1];
            size_t w, i;
            FILE *f;
            (void)argc;
            for (w = 0; w < words; w++) {
                for (i = 0; i < NI; i++) a[i] = in[i * words + w];
                DESIGN_eval_packed(a, b);
                for (i = 0; i < NO; i++) out[i * words + w] = b[i];
            }
            f = fopen("out.bin", "wb");
            fwrite(out, sizeof *out, NO * words, f);
            fclose(f);
        #ifdef PREFIX_NUM_CLASSES
            {
                size_t n = words * 64, s;
                uint8_t *bits = malloc(n * NI);
                uint32_t *scores = malloc(n * PREFIX_NUM_CLASSES * sizeof *scores);
                uint32_t *cls = malloc(n * sizeof *cls);
                for (s = 0; s < n; s++)
                    for (i = 0; i < NI; i++)
                        bits[s * NI + i] = (uint8_t)((in[i * words + s / 64] >> (s % 64)) & 1u);
                DESIGN_predict(bits, n, scores, cls);
                f = fopen("pred.bin", "wb");
                fwrite(scores, sizeof *scores, n * PREFIX_NUM_CLASSES, f);
                fwrite(cls, sizeof *cls, n, f);
                fclose(f);
            }
        #endif
            return 0;
        }
        """;

    [Theory]
    [InlineData(2000)]
    [InlineData(37)]
    [InlineData(0)]
    public void Compiled_C_matches_the_core_evaluator_on_10000_random_vectors(int gatesPerFunction)
    {
        var nl = TestDesigns.Toy(inputs: 40, layers: [200, 160, 120], classes: 4, seed: 5);
        using var dir = new TempDir();
        var r = DesignEmitter.Emit(nl, new EmitOptions
        {
            DesignName = "net",
            Artifacts = EmitArtifacts.C,
            CGatesPerFunction = gatesPerFunction,
        }, dir.File("net"));
        var inputs = PackedBits.Random(nl.InputCount, Samples, seed: 9);
        var (outputs, scores, classes) = CompileAndRun(r.OutputDir, "net", nl, inputs, predict: true);
        var expected = CombEvaluator.Evaluate(nl, inputs);
        for (var o = 0; o < expected.Signals; o++)
            for (var s = 0; s < Samples; s++)
                Assert.True(expected.Get(o, s) == outputs.Get(o, s), $"output {o}, sample {s}");
        for (var s = 0; s < Samples; s++)
        {
            Assert.Equal(CombEvaluator.ReadOutputBus(nl, expected, "class_id", s), classes[s]);
            for (var c = 0; c < 4; c++)
            {
                var sb = int.Parse(nl.Attribute("head.score_bits")!, System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(expected.ReadUInt(c * sb, sb, s), scores[s * 4 + c]);
            }
        }
    }

    [Fact]
    public void Netlist_without_head_gets_eval_packed_only()
    {
        var nl = TestDesigns.Adder(6);
        using var dir = new TempDir();
        var r = DesignEmitter.Emit(nl, new EmitOptions { DesignName = "adder", Artifacts = EmitArtifacts.C }, dir.File("adder"));
        Assert.DoesNotContain("predict", File.ReadAllText(Path.Combine(r.OutputDir, "adder.h")), StringComparison.Ordinal);
        var inputs = PackedBits.Exhaustive(nl.InputCount);
        var (outputs, _, _) = CompileAndRun(r.OutputDir, "adder", nl, inputs, predict: false);
        Assert.True(CombEvaluator.Evaluate(nl, inputs).RowsEqual(outputs));
    }

    private static (PackedBits Outputs, uint[] Scores, uint[] Classes) CompileAndRun(string dir, string design, Netlist nl, PackedBits inputs, bool predict)
    {
        File.WriteAllText(Path.Combine(dir, "driver.c"),
            Driver.Replace("DESIGN", design, StringComparison.Ordinal).Replace("PREFIX", design.ToUpperInvariant(), StringComparison.Ordinal));
        Tools.CompileC(dir, "driver", "driver.c", design + ".c");
        WriteWords(Path.Combine(dir, "in.bin"), inputs.Data);
        Tools.Run(dir, Path.Combine(dir, "driver"), inputs.Words.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var outputs = new PackedBits(nl.OutputCount, inputs.Samples);
        var raw = ReadWords(Path.Combine(dir, "out.bin"));
        Assert.Equal(outputs.Data.Length, raw.Length);
        var tail = inputs.Samples % 64 == 0 ? ulong.MaxValue : (1UL << (inputs.Samples % 64)) - 1;
        for (var i = 0; i < raw.Length; i++)
            outputs.Data[i] = (i + 1) % inputs.Words == 0 ? raw[i] & tail : raw[i];
        if (!predict)
            return (outputs, [], []);
        var pred = File.ReadAllBytes(Path.Combine(dir, "pred.bin"));
        var all = new uint[pred.Length / 4];
        Buffer.BlockCopy(pred, 0, all, 0, pred.Length);
        var n = inputs.Words * 64;
        var classes = all.AsSpan(all.Length - n).ToArray();
        var scores = all.AsSpan(0, all.Length - n).ToArray();
        return (outputs, scores, classes);
    }

    private static void WriteWords(string path, ulong[] words)
    {
        var bytes = new byte[words.Length * 8];
        Buffer.BlockCopy(words, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(path, bytes);
    }

    private static ulong[] ReadWords(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var words = new ulong[bytes.Length / 8];
        Buffer.BlockCopy(bytes, 0, words, 0, bytes.Length);
        return words;
    }
}
