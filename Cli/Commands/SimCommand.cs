using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GateForge.Flow;
using GateForge.Ir;
using GateForge.Ir.Passes;
using GateForge.Sim;
using GateForge.Sim.Vcd;

namespace GateForge.Cli.Commands;

/// <summary>
/// <c>gateforge sim NETLIST</c>: runs vectors through the netlist (the fast engine, or clock by clock
/// through the pipelined netlist), prints the first results and the speed, compares with the design
/// folder's expected vectors, and writes a VCD of one stream with <c>--vcd</c>.
/// </summary>
internal static class SimCommand
{
    public static Command Create(CliContext context)
    {
        var target = new Argument<string>("netlist") { Description = "Netlist (.json, .aag, .aig) or design folder" };
        var input = new Option<string?>("--input", "-i") { Description = "Input vectors, one hex line each (default: the design folder's vectors_in.hex, else random)" };
        var expected = new Option<string?>("--expect") { Description = "Expected outputs, one hex line each (default: the design folder's vectors_out.hex)" };
        var random = new Option<int>("--random") { Description = "Random vectors when no input file is used", DefaultValueFactory = _ => 1000 };
        var every = new Option<int>("--pipeline-every") { Description = "Simulate the pipelined form (a register every k levels), clock by clock" };
        var vcd = new Option<string?>("--vcd") { Description = "Write a VCD waveform (GTKWave) of the first vectors, one per clock cycle" };
        var vcdCycles = new Option<int>("--vcd-cycles") { Description = "Cycles in the VCD", DefaultValueFactory = _ => 64 };
        var buses = new Option<string[]>("--buses") { Description = "Buses to record in the VCD (default: all)", AllowMultipleArgumentsPerToken = true };
        var show = new Option<int>("--show") { Description = "Print the outputs of this many vectors", DefaultValueFactory = _ => 8 };
        var command = new Command("sim", "Simulate a netlist (combinational or clock by clock), optionally writing a VCD")
        {
            target, input, expected, random, every, vcd, vcdCycles, buses, show,
        };
        command.SetAction(parse => Run(context, parse.GetValue(target)!, parse.GetValue(input), parse.GetValue(expected),
            parse.GetValue(random), parse.GetValue(every), parse.GetValue(vcd), parse.GetValue(vcdCycles),
            parse.GetValue(buses) ?? [], parse.GetValue(show)));
        return command;
    }

    private static int Run(CliContext context, string target, string? inputPath, string? expectPath, int random, int every,
        string? vcdPath, int vcdCycles, string[] buses, int show)
    {
        if (every < 0)
            throw new FlowUsageException($"--pipeline-every must be positive, got {every}");
        Inputs.RequirePositive(vcdCycles, "--vcd-cycles");
        Inputs.RequirePositive(random, "--random");
        if (vcdPath is not null && Directory.Exists(vcdPath))
            throw new FlowUsageException($"--vcd '{vcdPath}' is a folder, expected a file name");
        var netlist = NetlistFiles.Load(target);
        var folder = Directory.Exists(target) ? target : null;
        if (DesignFlow.IsSequentialDesign(netlist))
        {
            if (every > 0)
                throw new FlowUsageException("--pipeline-every: a sequential design has no pipelined form (it already runs one step per clock)");
            DesignFlow.SimulateSequences(netlist, folder, new SequenceSimSettings
            {
                Input = inputPath, Expect = expectPath, Random = random, Vcd = vcdPath, VcdCycles = vcdCycles,
                Buses = [.. buses.SelectMany(b => b.Split(',', StringSplitOptions.RemoveEmptyEntries))], Show = show,
            }, context);
            return ExitCodes.Ok;
        }
        inputPath ??= folder is not null && File.Exists(Path.Combine(folder, Names.Files.VectorsIn)) ? Path.Combine(folder, Names.Files.VectorsIn) : null;
        expectPath ??= folder is not null && inputPath == Path.Combine(folder, Names.Files.VectorsIn) ? Path.Combine(folder, Names.Files.VectorsOut) : null;
        var vectors = inputPath is null
            ? PackedBits.Random(HexVectors.InputWidth(netlist), random, seed: 1)
            : ReadHex(inputPath, HexVectors.InputWidth(netlist));
        ApplyConstraints(netlist, vectors);

        var sequential = netlist.LatchCount > 0 ? netlist
            : every > 0 ? new PipelinePass(every).Run(netlist, new PassContext(null, context.Cancellation)).Netlist
            : null;
        // The VCD's buses are checked before anything is simulated.
        var vcd = vcdPath is null ? null : VcdFor(sequential ?? netlist, buses);
        if (vcd is null && buses.Length > 0)
            throw new FlowUsageException($"--buses {string.Join(',', buses)}: --buses picks what the VCD records; give --vcd FILE too");
        var watch = Stopwatch.StartNew();
        PackedBits outputs;
        if (sequential is null)
        {
            outputs = new FastEvaluator(netlist).Evaluate(vectors);
            context.Line(string.Create(CultureInfo.InvariantCulture,
                $"{vectors.Samples} vectors through {netlist.GateCount} gates in {watch.Elapsed.TotalMilliseconds:0.0} ms (fast engine)"));
        }
        else
        {
            var stream = CycleSimulator.Stream(sequential, vectors, cancellation: context.Cancellation);
            outputs = stream.Outputs;
            context.Line(string.Create(CultureInfo.InvariantCulture,
                $"{vectors.Samples} vectors streamed in {stream.Cycles} cycles x {stream.Streams} streams: latency {stream.Latency} cycles, {stream.Throughput:0.00} results per cycle per stream ({watch.Elapsed.TotalMilliseconds:0.0} ms)"));
        }
        PrintOutputs(context, netlist, outputs, show);
        if (vcdPath is not null)
            WriteVcd(context, sequential ?? netlist, vcd!, vectors, vcdPath, vcdCycles);
        if (expectPath is null)
            return ExitCodes.Ok;
        var expectedOutputs = ReadHex(Inputs.RequireFile(expectPath, "expected vectors"), HexVectors.OutputWidth(netlist));
        if (expectedOutputs.Samples != outputs.Samples)
            throw new FlowUsageException($"{expectPath} has {expectedOutputs.Samples} vectors but {outputs.Samples} were simulated");
        for (var s = 0; s < outputs.Samples; s++)
            for (var o = 0; o < outputs.Signals; o++)
                if (outputs.Get(o, s) != expectedOutputs.Get(o, s))
                    throw new VerificationFailedException($"vector {s}: output bit {o} is {(outputs.Get(o, s) ? 1 : 0)}, {expectPath} expects {(expectedOutputs.Get(o, s) ? 1 : 0)}");
        context.Line($"all {outputs.Samples} vectors match {expectPath}");
        return ExitCodes.Ok;
    }

    private static PackedBits ReadHex(string path, int width)
    {
        using var reader = new StreamReader(Inputs.RequireFile(path, "vector file"));
        return HexVectors.ReadLines(reader, width, path);
    }

    private static void ApplyConstraints(Netlist netlist, PackedBits vectors)
    {
        foreach (var c in netlist.Constraints)
        {
            var row = netlist.InputOffset(c.Bus) + c.Bit;
            for (var s = 0; s < vectors.Samples; s++)
                vectors.Set(row, s, c.Value);
        }
    }

    private static void PrintOutputs(CliContext context, Netlist netlist, PackedBits outputs, int show)
    {
        for (var s = 0; s < Math.Min(show, outputs.Samples); s++)
            context.Line($"  vector {s}: {OutputText.Of(netlist, outputs, s)}");
    }

    private static VcdWriter VcdFor(Netlist netlist, string[] buses)
    {
        var names = buses.SelectMany(b => b.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var known = netlist.InputBuses.Concat(netlist.OutputBuses).Select(b => b.Name).ToList();
        if (names.FirstOrDefault(n => !known.Contains(n)) is { } unknown)
            throw new FlowUsageException($"--buses {unknown}: the simulated netlist has no such bus (buses: {string.Join(", ", known)})");
        return new VcdWriter(netlist, names.Count == 0 ? null : names);
    }

    private static void WriteVcd(CliContext context, Netlist netlist, VcdWriter writer, PackedBits vectors, string path, int cycles)
    {
        var sim = new CycleSimulator(netlist, 1);
        var inValid = netlist.FindInputBus(HexVectors.InValidBus) is null ? -1 : netlist.InputOffset(HexVectors.InValidBus);
        var dataInputs = vectors.Signals;
        for (var c = 0; c < cycles; c++)
        {
            var inputs = new PackedBits(netlist.InputCount, 1);
            var v = c - 1; // cycle 0 holds reset
            if (v >= 0 && v < vectors.Samples)
            {
                for (var i = 0; i < dataInputs; i++)
                    inputs.Set(i, 0, vectors.Get(i, v));
                if (inValid >= 0)
                    inputs.Set(inValid, 0, true);
            }
            writer.Step(sim, inputs, reset: c == 0);
        }
        writer.Save(path);
        context.Line($"wrote {path} ({cycles} cycles{(netlist.LatchCount > 0 ? ", reset in cycle 0, one vector per cycle from cycle 1" : "")})");
    }
}
