using System.CommandLine;
using GateForge.Emitters;
using GateForge.Flow;

namespace GateForge.Cli.Commands;

/// <summary><c>gateforge emit NETLIST -o hw-out/DESIGN</c>: writes the design folder (Verilog, test benches, AIGER, C, scripts, report).</summary>
internal static class EmitCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("netlist") { Description = "Optimised netlist (.json, .aag, .aig)" };
        var output = new Option<string>("--output", "-o") { Description = "Design folder to write, e.g. hw-out/my-design", Required = true };
        var name = new Option<string?>("--name") { Description = "Design name (default: the folder's name); module and file names use it as an identifier" };
        var original = new Option<string?>("--original") { Description = "The netlist before optimisation (default: the one `opt` recorded), kept for `verify`" };
        var every = new Option<int>("--pipeline-every") { Description = "Also emit a pipelined top with a register stage every k logic levels (0: none)" };
        var axi = new Option<bool>("--axi") { Description = "Also emit an AXI4-Stream wrapper around the pipelined top (needs --pipeline-every)" };
        var encoder = new Option<bool>("--encoder") { Description = "Also emit the input encoder in hardware (8-bit features compared with the thresholds)" };
        var vectors = new Option<int>("--vectors") { Description = "Test-bench vectors (test samples first, then random)", DefaultValueFactory = _ => 256 };
        var part = new Option<string>("--part") { Description = "FPGA part for vivado.tcl", DefaultValueFactory = _ => EmitOptions.DefaultFpgaPart };
        var command = new Command("emit", "Write the design folder: Verilog, test benches, AIGER, C, scripts, report") { input, output, name, original, every, axi, encoder, vectors, part };
        command.SetAction(parse =>
        {
            var settings = new EmitSettings
            {
                PipelineEvery = parse.GetValue(every),
                Axi = parse.GetValue(axi),
                Encoder = parse.GetValue(encoder),
                Vectors = parse.GetValue(vectors),
                FpgaPart = parse.GetValue(part)!,
            };
            return Run(context, parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(name), parse.GetValue(original), settings);
        });
        return command;
    }

    private static int Run(CliContext context, string inputPath, string folder, string? name, string? originalPath, EmitSettings settings)
    {
        DesignFlow.EmitFile(inputPath, folder, name, originalPath, settings, context);
        context.Line($"wrote {folder}");
        return ExitCodes.Ok;
    }
}
