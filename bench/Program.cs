namespace GateForge.Bench;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.WriteLine("benchmarks: none registered yet " + args.Length);
        return 0;
    }
}
