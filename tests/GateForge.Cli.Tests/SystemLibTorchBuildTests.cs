using GateForge.Ir.Tools;
using GateForge.TestKit;

namespace GateForge.Cli.Tests;

/// <summary>
/// The <c>-p:GateForgeCuda=system</c> build (TorchSharp bindings only; libtorch from LD_LIBRARY_PATH,
/// as from a PyTorch install; it trained on an H200 with PyTorch's CUDA libtorch), built here and run
/// on the CPU libtorch that this test project's own output holds.
/// </summary>
public sealed class SystemLibTorchBuildTests
{
    [Fact]
    public void System_libtorch_build_trains_with_LD_LIBRARY_PATH_and_says_what_to_do_without_it()
    {
        using var dir = new TempDir("gf-system-libtorch");
        var artifacts = dir.File("artifacts");
        var build = ExternalTool.Run("env", [$"GF_ARTIFACTS={artifacts}", "dotnet", "build",
            Path.Combine(RepoPaths.Root, "Cli", "GateForge.Cli.csproj"), "-c", "Release", "-nologo", "-v", "q",
            "-nodeReuse:false", "-p:GateForgeCuda=system"], timeout: TimeSpan.FromMinutes(10));
        Assert.True(build.ExitCode == 0, build.Stdout + build.Stderr);
        var bin = Path.Combine(artifacts, "bin", "GateForge.Cli", "release");
        var exe = Path.Combine(bin, "gateforge");
        Assert.False(File.Exists(Path.Combine(bin, "runtimes", "linux-x64", "native", "libtorch_cpu.so")), "the system build ships no libtorch");

        var missing = ExternalTool.Run("env", ["-u", "LD_LIBRARY_PATH", exe, "train", "--data", "parity4", "-o", dir.File("ck0"), "-q"]);
        Assert.Equal(2, missing.ExitCode);
        var error = Assert.Single(missing.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("LD_LIBRARY_PATH", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("ck0")));

        var libtorch = $"LD_LIBRARY_PATH={Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native")}";
        var trained = ExternalTool.Run("env", [libtorch, exe, "train", "--data", "parity4", "-o", dir.File("ck1"), "--steps", "50", "-q"]);
        Assert.True(trained.ExitCode == 0, trained.Stdout + trained.Stderr);
        Assert.True(File.Exists(Path.Combine(dir.File("ck1"), "config.json")));

        var cuda = ExternalTool.Run("env", [libtorch, exe, "train", "--data", "parity4", "-o", dir.File("ck2"), "--device", "cuda", "-q"]);
        Assert.Equal(2, cuda.ExitCode);
        Assert.Contains("no CUDA device is visible", cuda.Stderr, StringComparison.Ordinal);
    }
}
