namespace GateForge.Ir;

/// <summary>
/// A named, ordered group of signals, least significant bit first (SPEC §2).
/// For an input bus the bits are the literals of its input nodes (never inverted);
/// for an output bus they are arbitrary literals.
/// </summary>
public sealed class Bus
{
    public Bus(string name, int[] bits)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Bits = bits;
    }

    public string Name { get; }
    public int[] Bits { get; }
    public int Width => Bits.Length;

    public override string ToString() => $"{Name}[{Width}]";
}

/// <summary>An input bit that the design may assume constant (for example a pixel that is 0 in every
/// training image). Recorded in the netlist so that every equivalence check holds under it.</summary>
public readonly record struct InputConstraint(string Bus, int Bit, bool Value);
