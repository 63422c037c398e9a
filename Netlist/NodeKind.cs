namespace GateForge.Ir;

/// <summary>The five node kinds of the XOR-AND graph (SPEC §2).</summary>
public enum NodeKind : byte
{
    /// <summary>Node 0 only: constant FALSE.</summary>
    Const0 = 0,
    /// <summary>A primary input bit. Fanin0 holds its position in <see cref="Netlist.Inputs"/>.</summary>
    Input = 1,
    /// <summary>Two-input AND of two literals.</summary>
    And = 2,
    /// <summary>Two-input XOR of two non-inverted literals (inversions are pushed to the output).</summary>
    Xor = 3,
    /// <summary>A D flip-flop. Fanin0 is the next-state literal (may point forward), Fanin1 the reset value.</summary>
    Latch = 4,
}

/// <summary>Reset behaviour of a latch, stored in its Fanin1 slot.</summary>
public static class LatchInit
{
    /// <summary>Synchronous reset to 0.</summary>
    public const int Zero = 0;
    /// <summary>Synchronous reset to 1.</summary>
    public const int One = 1;
    /// <summary>Not reset (a data register); simulators start it at 0.</summary>
    public const int None = 2;
}
