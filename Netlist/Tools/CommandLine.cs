namespace GateForge.Ir.Tools;

/// <summary>
/// Arguments written as one POSIX shell command line (the emitted Makefile's recipes and variables
/// take the tool modules' flags this way): an argument with a space, a quote or a shell
/// metacharacter goes in double quotes.
/// </summary>
public static class CommandLine
{
    public static string Join(IEnumerable<string> arguments) => string.Join(' ', arguments.Select(Quote));

    public static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_=+./:,@%".Contains(c, StringComparison.Ordinal)))
            return argument;
        var escaped = new System.Text.StringBuilder("\"");
        foreach (var c in argument)
        {
            if (c is '"' or '\\' or '$' or '`')
                escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.Append('"').ToString();
    }
}
