using System.CommandLine;
using GateForge.Cli.Reports;

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
        var reportPath = Inputs.ReportPath(design);
        var report = ReportJson.Load(reportPath);
        var target = htmlPath ?? Path.Combine(Path.GetDirectoryName(reportPath)!, ReportHtml.FileName);
        ReportHtml.Save(report, target);
        SummaryPrinter.Print(context.Out, report);
        context.Line($"report: {target}");
        return ExitCodes.Ok;
    }
}
