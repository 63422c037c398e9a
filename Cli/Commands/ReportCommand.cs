using System.CommandLine;
using GateForge.Flow;

namespace GateForge.Cli.Commands;

/// <summary><c>gateforge report DESIGN</c>: prints the summary of a design folder and rewrites report.html from report.json.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var design = new Argument<string>("design") { Description = "Design folder (hw-out/<design>) or a report.json" };
        var html = new Option<string?>("--html") { Description = "Write the HTML page here instead of <design>/report.html" };
        var command = new Command("report", "Print a design's summary and render report.html from its report.json") { design, html };
        command.SetAction(parse => Run(context, parse.GetValue(design)!, parse.GetValue(html)));
        return command;
    }

    private static int Run(CliContext context, string design, string? htmlPath)
    {
        var rendered = DesignFlow.Report(design, htmlPath);
        SummaryPrinter.Print(context.Out, rendered.Report);
        context.Line($"report: {rendered.HtmlPath}");
        return ExitCodes.Ok;
    }
}
