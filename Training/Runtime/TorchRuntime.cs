using System.Runtime.InteropServices;
using TorchSharp;

namespace GateForge.Training.Runtime;

/// <summary>
/// Prepares TorchSharp before first use. On a libstdc++ without GLIBCXX_3.4.32 (Debian 12) the build
/// patched libLibTorchSharp.so and put <c>libgateforge_iosinit.so</c> beside it
/// (Training/Native/TorchSharpDebian.targets); that shim must be loaded globally before TorchSharp
/// loads its native library, so every entry point of GateForge.Training calls <see cref="EnsureLoaded"/>.
/// </summary>
public static partial class TorchRuntime
{
    private const string ShimName = "libgateforge_iosinit.so";
    private const int RtldNow = 2;
    private const int RtldGlobal = 0x100;
    private static readonly Lock Gate = new();
    private static bool s_loaded;

    /// <summary>Loads the shim (when the build made one) and initialises TorchSharp. Idempotent, thread-safe.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (s_loaded)
                return;
            if (OperatingSystem.IsLinux())
            {
                KeepFreedMemory();
                LoadShim();
            }
            CheckSystemLibTorch();
            torch.InitializeDeviceType(DeviceType.CPU);
            s_loaded = true;
        }
    }

    // A -p:GateForgeCuda=system build ships no libtorch; TorchSharp's own failure is a page of text
    // on stdout, so look for the library first and say what to do in one line.
    private static void CheckSystemLibTorch()
    {
#if GATEFORGE_SYSTEM_LIBTORCH
        if (!NativeLibrary.TryLoad("libtorch_cpu.so", out _))
            throw new TrainingException(
                "this build takes libtorch from LD_LIBRARY_PATH (-p:GateForgeCuda=system) and libtorch_cpu.so is not on it; " +
                "export LD_LIBRARY_PATH=\"$(python3 -c 'import torch, os; print(os.path.dirname(torch.__file__))')/lib\"");
#endif
    }

    /// <summary>Whether a CUDA device can be used (a CUDA build of GateForge and a visible GPU).</summary>
    public static bool CudaAvailable()
    {
        EnsureLoaded();
        return torch.cuda.is_available();
    }

    /// <summary>Checks that training can run on <paramref name="device"/> ("cpu", "cuda", "cuda:N"); throws <see cref="TrainingException"/> if not.</summary>
    public static void CheckDevice(string device) => ResolveDevice(device);

    /// <summary>Turns "cpu" / "cuda" / "cuda:N" into a device; CUDA without a CUDA build or GPU is a clear error.</summary>
    internal static torch.Device ResolveDevice(string device)
    {
        EnsureLoaded();
        var d = device.Trim().ToLowerInvariant();
        if (d == "cpu")
            return torch.CPU;
        if (d == "cuda" || d.StartsWith("cuda:", StringComparison.Ordinal))
        {
#if GATEFORGE_CUDA
            if (!torch.cuda.is_available())
                throw new TrainingException($"--device {device}: no CUDA device is visible to TorchSharp");
            return torch.device(d);
#else
            throw new TrainingException($"--device {device}: this build has no CUDA support; rebuild with -p:GateForgeCuda=true (TorchSharp-cuda-linux) on a machine with a GPU");
#endif
        }
        throw new TrainingException($"--device {device}: expected cpu or cuda");
    }

    // glibc returns blocks over 128 KiB to the kernel at once (mmap/munmap), so every batch-sized
    // tensor TorchSharp allocates page-faults afresh; a training step makes hundreds of them. Raising
    // the mmap and trim thresholds keeps freed memory in the heap: training ran 2.5× faster here.
    private static void KeepFreedMemory()
    {
        const int MTrimThreshold = -1;
        const int MTopPad = -2;
        const int MMmapThreshold = -3;
        try
        {
            MallOpt(MMmapThreshold, 1 << 30);
            MallOpt(MTrimThreshold, int.MaxValue);
            MallOpt(MTopPad, 256 << 20);
        }
        catch (EntryPointNotFoundException)
        {
            // not glibc (musl): leave the allocator as it is
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);

    private static void LoadShim()
    {
        foreach (var dir in new[] { AppContext.BaseDirectory, Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native") })
        {
            var path = Path.Combine(dir, ShimName);
            if (!File.Exists(path))
                continue;
            if (DlOpen(path, RtldNow | RtldGlobal) == IntPtr.Zero)
                throw new TrainingException($"cannot load {path}: {Marshal.PtrToStringUTF8(DlError()) ?? "dlopen failed"}");
            return;
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr DlOpen(string path, int flags);

    [LibraryImport("libc.so.6", EntryPoint = "dlerror")]
    private static partial IntPtr DlError();
}
