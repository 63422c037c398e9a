using GateForge.Ir.Tools;
using GateForge.TestKit;

namespace GateForge.Cli.Tests;

/// <summary>Headless Chromium: renders a local page and returns the DOM after layout.</summary>
internal static class Chromium
{
    public static string DumpDom(string htmlPath)
    {
        using var profile = new TempDir("gf-chromium");
        var result = ExternalTool.Run("chromium",
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
            "--user-data-dir=" + profile.Path, "--dump-dom", "file://" + htmlPath,
        ], timeout: TimeSpan.FromMinutes(2));
        Assert.True(result.Ok, "chromium failed: " + result.Tail());
        return result.Stdout;
    }
}
