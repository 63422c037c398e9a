namespace GateForge.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("gateforge: not yet wired up");
        return args.Length == 0 ? 2 : 2;
    }
}
