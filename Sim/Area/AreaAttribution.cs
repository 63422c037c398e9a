using GateForge.Ir;
using GateForge.Ir.Passes;

namespace GateForge.Sim.Area;

/// <summary>
/// Carries the parts recorded when a design was built (<see cref="DesignParts"/>) onto the same
/// design after any optimisation, and sizes them. Every pass rebuilds and renumbers, and ABC
/// rewrites whole cones, so the parts are found by function, not by id: both netlists are simulated
/// on <see cref="SignatureSamples"/> seeded random vectors (constrained bits forced); a node of the
/// optimised netlist that computes the same function (or its complement) as a node of the built one
/// on every vector belongs to the earliest part that has such a node. A node without a match
/// (logic that balance or ABC restructured) belongs to the earliest part among the nodes that read
/// it, and a node that only outputs read to the part that makes that bus (<c>scores</c>:
/// popcount, <c>class_id</c>: argmax, any other: the last part), so it is counted where its value
/// is used. Two different functions equal on all 1,024 vectors would be attributed together; that
/// moves a node between parts, never in or out of the total.
/// LUTs: each part's gates are cut out as a netlist of their own (inputs: the literals they read
/// from other parts; outputs: their nodes that other parts or outputs read) and mapped alone.
/// </summary>
public static class AreaAttribution
{
    public const int SignatureSamples = 1024;
    private const int Seed = 0x14A4EA;

    /// <summary>The part names (build order) and the part index of every node of <paramref name="design"/> (−1: not a gate).</summary>
    public static (IReadOnlyList<string> Names, int[] PartOf) Attribute(Netlist built, Netlist design)
    {
        var parts = DesignParts.Read(built);
        if (parts.Count == 0)
            throw new ArgumentException("the built netlist records no parts (attribute 'parts')", nameof(built));
        if (design.LatchCount > 0 || built.LatchCount > 0)
            throw new ArgumentException("area attribution takes combinational netlists");
        var names = parts.Select(p => p.Name).ToArray();
        var builtPart = DesignParts.PartOfNodes(built, parts);

        var vectors = PackedBits.Random(built.InputCount, SignatureSamples, Seed);
        foreach (var c in DroppedInputs.OriginalConstraints(design))
            vectors.Row(built.InputOffset(c.Bus) + c.Bit).Fill(c.Value ? ulong.MaxValue : 0UL);
        var builtValues = CombEvaluator.EvaluateNodes(built, vectors);
        var designValues = CombEvaluator.EvaluateNodes(design,
            design.InputCount == built.InputCount ? vectors : DroppedInputs.Project(built, design, vectors));

        var earliest = new Dictionary<Signature, int>();
        for (var node = 1; node < built.NodeCount; node++)
        {
            if (!IsGate(built.Kind(node)))
                continue;
            var key = new Signature(builtValues, node);
            if (!earliest.TryGetValue(key, out var p) || builtPart[node] < p)
                earliest[key] = builtPart[node];
        }

        var partOf = new int[design.NodeCount];
        Array.Fill(partOf, -1);
        for (var node = 1; node < design.NodeCount; node++)
            if (IsGate(design.Kind(node)) && earliest.TryGetValue(new Signature(designValues, node), out var p))
                partOf[node] = p;
        AttributeByReaders(design, names, partOf);
        return (names, partOf);
    }

    /// <summary>
    /// The breakdown of <paramref name="design"/> (the optimised form of <paramref name="built"/>),
    /// with the encoder's comparators first when <paramref name="encoderThresholds"/> are given and
    /// LUT6 figures when <paramref name="lut6"/> (a mapper such as <c>AbcLutMapper.Count</c>) is.
    /// </summary>
    public static AreaBreakdown Compute(Netlist built, Netlist design, IReadOnlyList<int[]>? encoderThresholds = null,
        Func<Netlist, long>? lut6 = null)
    {
        var (names, partOf) = Attribute(built, design);
        var result = new List<AreaPart>();
        Netlist? withEncoder = null;
        if (encoderThresholds is not null)
        {
            var (encoder, composed) = WithEncoder(design, encoderThresholds);
            withEncoder = composed;
            result.Add(new AreaPart(DesignParts.Encoder, encoder.GateCount, encoder.AndEquivalent, lut6?.Invoke(encoder)));
        }
        for (var p = 0; p < names.Count; p++)
        {
            var cut = CutOut(design, partOf, p);
            result.Add(new AreaPart(names[p], cut.GateCount, cut.AndEquivalent, lut6?.Invoke(cut)));
        }
        return new AreaBreakdown(result, lut6?.Invoke(withEncoder ?? design));
    }

    /// <summary>
    /// The encoder for the bits of input bus <c>x</c> that <paramref name="design"/> reads, and the
    /// design with that encoder in front (input bus <c>features</c>), which is what the whole is mapped as.
    /// </summary>
    private static (Netlist Encoder, Netlist Composed) WithEncoder(Netlist design, IReadOnlyList<int[]> thresholds)
    {
        if (design.InputBuses.Count != 1 || design.InputBuses[0].Name != Names.Buses.Input)
            throw new ArgumentException("an encoder in hardware needs a design whose one input bus is x");
        var x = design.InputBuses[0];
        var original = DroppedInputs.OriginalBits(design, Names.Buses.Input);
        var read = new bool[design.NodeCount];
        for (var node = 1; node < design.NodeCount; node++)
            if (IsGate(design.Kind(node)))
                (read[Lit.Node(design.F0(node))], read[Lit.Node(design.F1(node))]) = (true, true);
        foreach (var lit in design.OutputLiterals())
            read[Lit.Node(lit)] = true;
        var keep = Enumerable.Range(0, x.Width).Where(i => read[Lit.Node(x.Bits[i])]).Select(i => original[i]).ToArray();

        var b = new NetlistBuilder(design.NodeCount + 64 * thresholds.Count);
        var encoded = ThermometerEncoder.Add(b, b.AddInputBus("features", ThermometerEncoder.FeatureBits * thresholds.Count), thresholds);
        var map = new int[design.NodeCount];
        for (var i = 0; i < x.Width; i++)
            map[Lit.Node(x.Bits[i])] = encoded[original[i]];
        b.MapGates(design, map);
        foreach (var bus in design.OutputBuses)
            b.AddOutputBus(bus.Name, bus.Bits.Select(l => NetlistBuilder.MapLit(map, l)).ToArray());
        return (ThermometerEncoder.Build(thresholds, keep), b.Build());
    }

    private static bool IsGate(NodeKind kind) => kind is NodeKind.And or NodeKind.Xor;

    /// <summary>Unmatched gates take the earliest part among their readers; outputs read as their bus's part.</summary>
    private static void AttributeByReaders(Netlist design, IReadOnlyList<string> names, int[] partOf)
    {
        var readBy = new int[design.NodeCount];
        Array.Fill(readBy, int.MaxValue);
        foreach (var bus in design.OutputBuses)
        {
            var p = BusPart(bus.Name, names);
            foreach (var lit in bus.Bits)
                readBy[Lit.Node(lit)] = Math.Min(readBy[Lit.Node(lit)], p);
        }
        for (var node = design.NodeCount - 1; node >= 1; node--)
        {
            if (!IsGate(design.Kind(node)))
                continue;
            if (partOf[node] < 0)
                partOf[node] = readBy[node] == int.MaxValue ? names.Count - 1 : readBy[node];
            foreach (var fanin in (ReadOnlySpan<int>)[Lit.Node(design.F0(node)), Lit.Node(design.F1(node))])
                readBy[fanin] = Math.Min(readBy[fanin], partOf[node]);
        }
    }

    private static int BusPart(string bus, IReadOnlyList<string> names)
    {
        var part = bus switch
        {
            Names.Buses.Scores => DesignParts.Popcount,
            Names.Buses.ClassId => DesignParts.Argmax,
            _ => null,
        };
        var index = part is null ? -1 : names.ToList().IndexOf(part);
        return index >= 0 ? index : names.Count - 1;
    }

    /// <summary>Part <paramref name="part"/>'s gates as a netlist: inputs the literals read from elsewhere, outputs the nodes read elsewhere.</summary>
    private static Netlist CutOut(Netlist design, int[] partOf, int part)
    {
        var b = new NetlistBuilder();
        var map = new int[design.NodeCount];
        Array.Fill(map, -1);
        map[0] = Lit.False;
        var boundary = new List<int>();
        for (var node = 1; node < design.NodeCount; node++)
        {
            if (partOf[node] != part)
                continue;
            foreach (var fanin in (ReadOnlySpan<int>)[Lit.Node(design.F0(node)), Lit.Node(design.F1(node))])
                if (map[fanin] < 0)
                {
                    map[fanin] = -2;
                    boundary.Add(fanin);
                }
        }
        var inputs = b.AddInputBus("in", boundary.Count);
        for (var i = 0; i < boundary.Count; i++)
            map[boundary[i]] = inputs[i];
        var outputs = new HashSet<int>();
        for (var node = 1; node < design.NodeCount; node++)
        {
            if (partOf[node] == part)
            {
                var a = NetlistBuilder.MapLit(map, design.F0(node));
                var c = NetlistBuilder.MapLit(map, design.F1(node));
                map[node] = design.Kind(node) == NodeKind.And ? b.And(a, c) : b.Xor(a, c);
            }
            else if (partOf[node] >= 0)
            {
                foreach (var fanin in (ReadOnlySpan<int>)[Lit.Node(design.F0(node)), Lit.Node(design.F1(node))])
                    if (partOf[fanin] == part)
                        outputs.Add(fanin);
            }
        }
        foreach (var bus in design.OutputBuses)
            foreach (var lit in bus.Bits)
                if (partOf[Lit.Node(lit)] == part)
                    outputs.Add(Lit.Node(lit));
        b.AddOutputBus("out", outputs.Order().Select(n => map[n]).ToArray());
        return b.Build();
    }

    /// <summary>A node's values on the vectors, complemented when the first is 1, so that x and ¬x share a key.</summary>
    private readonly struct Signature : IEquatable<Signature>
    {
        private readonly ulong[] _words;
        private readonly int _hash;

        public Signature(PackedBits values, int node)
        {
            var row = values.Row(node);
            var flip = (row[0] & 1) != 0 ? ulong.MaxValue : 0UL;
            _words = new ulong[row.Length];
            var h = new HashCode();
            for (var i = 0; i < row.Length; i++)
            {
                _words[i] = row[i] ^ flip;
                h.Add(_words[i]);
            }
            _hash = h.ToHashCode();
        }

        public bool Equals(Signature other) => _words.AsSpan().SequenceEqual(other._words);
        public override bool Equals(object? obj) => obj is Signature s && Equals(s);
        public override int GetHashCode() => _hash;
    }
}
