using System.Text;
using GateForge.TestKit;

namespace GateForge.Cli.Tests;

/// <summary>
/// A recurrent model trained on a sequence CSV (running parity of a bit stream, written here),
/// taken to a verified design, and verified again from another folder: the checkpoint records the
/// file by its absolute path.
/// </summary>
public sealed class SequenceCsvEndToEndTests : IDisposable
{
    private readonly TempDir _dir = new("gf-cli-seqcsv");

    [Fact]
    public void A_sequence_csv_trains_freezes_emits_and_verifies_from_any_folder()
    {
        var csv = new StringBuilder("seq,a,parity\n");
        var random = new Random(7);
        for (var s = 0; s < 1500; s++)
        {
            var length = random.Next(1, 9);
            var p = 0;
            for (var t = 0; t < length; t++)
            {
                var a = random.Next(2);
                p ^= a;
                csv.Append($"s{s},{a},{(t == length - 1 ? (p == 1 ? "odd" : "even") : "")}\n");
            }
        }
        Directory.CreateDirectory(_dir.File("work"));
        File.WriteAllText(_dir.File("work/parity.csv"), csv.ToString());
        var work = _dir.File("work");
        var train = CliRunner.ExpectProcess(0, work, "train", "--data", "seqcsv:parity.csv", "-o", "ck", "--steps", "1000", "--eval-every", "250", "-q");
        CliRunner.ExpectProcess(0, work, "freeze", "ck", "-o", "frozen.json", "-q");
        // the labels were read right: far above chance (50 %) on the held-out sequences (100 % on most seeds)
        var frozen = Flow.Reports.ReportJson.Load(Path.Combine(work, "frozen.report.json"));
        Assert.True(frozen.Model!.Accuracy!.Discrete >= 0.75, train.Stdout);
        Assert.Equal(300, frozen.Model.TestSamples);
        Assert.Equal("seqcsv:" + Path.Combine(work, "parity.csv"), frozen.Model.Dataset);
        CliRunner.ExpectProcess(0, work, "emit", "frozen.json", "-o", "hw", "-q");
        var verify = CliRunner.ExpectProcess(0, _dir.Path, "verify", "work/hw", "--no-verilator");
        Assert.Contains("vs model (cycle simulation, 300 test sequences)", verify.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", verify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_sequence_csv_is_refused_with_one_line()
    {
        File.WriteAllText(_dir.File("bad.csv"), "seq,a,label\ns1,7,odd\ns2,0,even\n");
        var r = CliRunner.Expect(2, _dir.Path, "train", "--data", "seqcsv:{dir}/bad.csv", "-o", "{dir}/ck");
        Assert.Equal([$"gateforge: {_dir.File("bad.csv")}:2: column 'a' is '7'; input columns hold bits, 0 or 1"], r.ErrorLines);
        Assert.False(Directory.Exists(_dir.File("ck")));
    }

    public void Dispose() => _dir.Dispose();
}
