using System.Text.Json.Nodes;
using GateForge.Emitters;
using GateForge.Flow.Reports;
using GateForge.Ir;
using GateForge.TestKit;

namespace GateForge.Flow.Tests;

/// <summary>The whole flow in memory through <see cref="DesignFlow.Run"/> on MONK-1 with a small model.</summary>
public sealed class FlowRunTests(MonkFlow flow) : IClassFixture<MonkFlow>
{
    private readonly DesignReport _report = flow.Report;
    private readonly string _folder = flow.Folder;
    private readonly RecordingProgress _progress = flow.Progress;

    [Fact]
    public void The_manifest_lists_every_file_of_the_design_folder_and_nothing_more()
    {
        var manifest = DesignManifest.Load(_folder);
        var onDisk = Directory.GetFiles(_folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(onDisk, manifest.Files.Select(f => f.Name).Order(StringComparer.Ordinal).ToList());
        Assert.Equal("monk_small", manifest.Design);
        Assert.Equal("monk_small_pipe", manifest.PipelinedModule);
        Assert.Equal(_report.Netlist!.Latency, manifest.Latency);
        Assert.Equal("monk_small_", manifest.CPrefix);
        Assert.Equal(64, manifest.Vectors);
        Assert.Equal("monk_small_pipe_tb.v", manifest.File(DesignFileKind.PipelinedTestBench));
        Assert.Equal(Names.Files.Report, manifest.File(DesignFileKind.Report));
        Assert.Equal([Names.Buses.Scores, Names.Buses.ClassId], manifest.Outputs.Select(b => b.Name));
    }

    [Fact]
    public void Every_check_passes_and_the_report_has_each_stage()
    {
        Assert.NotEmpty(_report.Equivalence);
        Assert.All(_report.Equivalence, e => Assert.NotEqual("fail", e.Status));
        Assert.Contains(_report.Equivalence, e => e.Status == "pass" && e.Check.Contains("(C compiler)", StringComparison.Ordinal));
        Assert.Equal(["emit", "freeze", "opt", "train", "verify"], _report.Timings.Keys);
        Assert.Equal(432, _report.Model!.TestSamples);
        Assert.Equal(0, DesignFlow.FailedChecks(_report));
        var saved = ReportJson.Load(Path.Combine(_folder, ReportJson.FileName));
        Assert.Equal(ReportJson.ToJson(_report), ReportJson.ToJson(saved));
    }

    [Fact]
    public void Progress_goes_through_the_interface_in_stage_order()
    {
        Assert.Equal(["train on monk1", "freeze", "opt -O2", $"emit {_folder}", $"verify {_folder}"], _progress.Stages);
        Assert.Contains(_progress.Lines, l => l.StartsWith("frozen netlist equals the model in discrete mode on 432 test samples", StringComparison.Ordinal));
        Assert.True(_progress.Bars > 0);
    }
}

/// <summary>One small MONK-1 run shared by the tests (training takes seconds).</summary>
public sealed class MonkFlow : IDisposable
{
    private readonly TempDir _dir = new("gf-flow");

    public MonkFlow()
    {
        Folder = _dir.File("hw/monk-small");
        var model = ModelConfigs.Small() with { Steps = 60, EvalEvery = 60 };
        var config = new PipelineConfig
        {
            Design = "monk-small",
            Data = "monk1",
            Model = JsonNode.Parse(model.ToJson())!.AsObject(),
            Checkpoint = _dir.File("ck"),
            Output = Folder,
            PipelineEvery = 2,
            Vectors = 64,
            Verify = new VerifyConfig { Random = 200, HdlVectors = 50, Icarus = false, Verilator = false },
            Synth = [],
        };
        Report = DesignFlow.Run(config, "test", Progress);
    }

    public string Folder { get; }
    public DesignReport Report { get; }
    public RecordingProgress Progress { get; } = new();

    public void Dispose() => _dir.Dispose();
}

/// <summary>Records what the stages report.</summary>
public sealed class RecordingProgress : IFlowProgress, IProgressBar
{
    public List<string> Stages { get; } = [];
    public List<string> Lines { get; } = [];
    public int Bars { get; private set; }
    public CancellationToken Cancellation => CancellationToken.None;
    public TextWriter PassLog => TextWriter.Null;
    public void Stage(string name) => Stages.Add(name);
    public void Line(string text) => Lines.Add(text);
    public IProgressBar Bar(string label)
    {
        Bars++;
        return this;
    }
    public IDisposable Heartbeat(string label, string detail) => this;
    public void Report(long done, long total, string detail = "", bool keep = false) { }
    public void Dispose() { }
}
