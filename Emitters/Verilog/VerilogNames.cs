using System.Text.RegularExpressions;

namespace GateForge.Emitters.Verilog;

/// <summary>
/// Identifier rules for generated Verilog and C: design and bus names must be plain identifiers
/// that are not keywords of Verilog-2005, SystemVerilog (Verilator reads .v files as
/// SystemVerilog) or C, and must not collide with the generated names <c>n&lt;id&gt;</c>.
/// </summary>
public static partial class VerilogNames
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        // Verilog-2005
        "always", "and", "assign", "automatic", "begin", "buf", "bufif0", "bufif1", "case", "casex", "casez",
        "cell", "cmos", "config", "deassign", "default", "defparam", "design", "disable", "edge", "else", "end",
        "endcase", "endconfig", "endfunction", "endgenerate", "endmodule", "endprimitive", "endspecify",
        "endtable", "endtask", "event", "for", "force", "forever", "fork", "function", "generate", "genvar",
        "highz0", "highz1", "if", "ifnone", "incdir", "include", "initial", "inout", "input", "instance",
        "integer", "join", "large", "liblist", "library", "localparam", "macromodule", "medium", "module",
        "nand", "negedge", "nmos", "nor", "noshowcancelled", "not", "notif0", "notif1", "or", "output",
        "parameter", "pmos", "posedge", "primitive", "pull0", "pull1", "pulldown", "pullup",
        "pulsestyle_onevent", "pulsestyle_ondetect", "rcmos", "real", "realtime", "reg", "release", "repeat",
        "rnmos", "rpmos", "rtran", "rtranif0", "rtranif1", "scalared", "showcancelled", "signed", "small",
        "specify", "specparam", "strong0", "strong1", "supply0", "supply1", "table", "task", "time", "tran",
        "tranif0", "tranif1", "tri", "tri0", "tri1", "triand", "trior", "trireg", "unsigned", "use", "uwire",
        "vectored", "wait", "wand", "weak0", "weak1", "while", "wire", "wor", "xnor", "xor",
        // SystemVerilog additions that commonly bite
        "bit", "byte", "logic", "int", "shortint", "longint", "string", "type", "class", "interface",
        "package", "program", "property", "sequence", "clocking", "chandle", "const", "enum", "struct",
        "union", "typedef", "void", "return", "break", "continue", "do", "foreach", "final", "import",
        "export", "extern", "static", "virtual", "local", "protected", "ref", "bind", "assert", "assume",
        "cover", "covergroup", "coverpoint", "cross", "expect", "inside", "dist", "modport", "new", "null",
        "super", "this", "priority", "unique", "randc", "rand", "constraint", "solve", "before", "with",
        "wildcard", "alias", "always_comb", "always_ff", "always_latch", "checker", "global", "let", "matches",
        "tagged", "timeprecision", "timeunit", "var", "context", "pure", "forkjoin", "first_match",
        "intersect", "throughout", "within", "binsof", "bins", "ignore_bins", "illegal_bins", "shortreal",
        "restrict", "until", "nexttime", "eventually", "accept_on", "reject_on", "sync_accept_on",
        "sync_reject_on", "strong", "weak", "implies", "interconnect", "nettype", "soft", "untyped",
        "s_always", "s_eventually", "s_nexttime", "s_until", "s_until_with", "until_with", "unique0",
        // C keywords and names the C emitter uses
        "auto", "char", "double", "float", "goto", "long", "register", "short", "sizeof", "switch",
        "volatile", "inline", "restrict", "_Bool", "main",
        // names the emitters generate
        "clk", "rst",
    };

    /// <summary>True for <c>[A-Za-z_][A-Za-z0-9_]*</c> that is not reserved and not of the generated form <c>n&lt;digits&gt;</c>.</summary>
    public static bool IsValidBusName(string name) =>
        Identifier().IsMatch(name) && !Reserved.Contains(name) && !Generated().IsMatch(name);

    /// <summary>Design names are lower case (the file-name contract): <c>[a-z_][a-z0-9_]*</c>, not reserved.</summary>
    public static bool IsValidDesignName(string name) =>
        DesignIdentifier().IsMatch(name) && !Reserved.Contains(name) && !Generated().IsMatch(name);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex Identifier();

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,63}$")]
    private static partial Regex DesignIdentifier();

    [GeneratedRegex("^n[0-9]+$")]
    private static partial Regex Generated();
}
