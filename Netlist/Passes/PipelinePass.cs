using System.Globalization;

namespace GateForge.Ir.Passes;

/// <summary>
/// <c>pipeline</c>: turns a combinational netlist into a pipeline with a register stage every
/// <see cref="Every"/> logic levels (docs/ARCHITECTURE.md "Sequential netlists"). A gate at level L
/// belongs to stage ⌊(L−1)/k⌋, inputs to stage 0; a signal read by a later stage passes through one
/// register per stage boundary it crosses (shared between readers), and every output is
/// registered at the end of the last stage, so every path from an input to an output crosses
/// exactly LATENCY = max(1, ⌈depth/k⌉) registers. Adds input bus <c>in_valid</c> and output bus
/// <c>out_valid</c> fed by a shift register of LATENCY latches that reset to 0; data registers do
/// not reset (<see cref="LatchInit.None"/>).
/// </summary>
public sealed class PipelinePass : Pass
{
    public const string InValid = Names.Buses.InValid;
    public const string OutValid = Names.Buses.OutValid;
    public const string LatencyAttribute = Names.Attributes.PipelineLatency;
    public const string EveryAttribute = Names.Attributes.PipelineEvery;

    public PipelinePass(int every)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        Every = every;
    }

    /// <summary>Logic levels per register stage.</summary>
    public int Every { get; }

    /// <summary>LATENCY of a netlist this pass wrote (its <see cref="LatencyAttribute"/>; 0 when it has none).</summary>
    public static int LatencyOf(Netlist pipelined)
    {
        ArgumentNullException.ThrowIfNull(pipelined);
        return int.Parse(pipelined.Attribute(LatencyAttribute) ?? "0", CultureInfo.InvariantCulture);
    }

    public override string Name => "pipeline";
    public override string Summary => "insert a register stage every k logic levels, with a valid bit";
    public override string Help => """
        pipeline(every=K)

        Registers a combinational netlist every K logic levels (default 4). A gate at
        logic level L belongs to stage floor((L-1)/K); a signal read by a later stage goes
        through one register per stage boundary (shared by all its readers) and every
        output is registered, so every input-to-output path has the same latency,
        LATENCY = max(1, ceil(depth/K)) clock cycles. Adds the 1-bit input bus in_valid
        and output bus out_valid, a shift register of LATENCY latches resetting to 0, so
        the result for an input applied with in_valid=1 at cycle t appears with out_valid=1
        at cycle t+LATENCY. Data registers have no reset. Sets the attributes
        pipeline.latency and pipeline.every. Refuses a netlist that already has latches.
        """;

    public static PipelinePass FromOptions(PassOptions options)
    {
        var every = options.GetInt("every", 4, 1, 1_000_000);
        options.RejectUnknown();
        return new PipelinePass(every);
    }

    public override PassResult Run(Netlist input, PassContext context)
    {
        if (input.LatchCount > 0)
            throw new NetlistException($"pipeline: the netlist already has {input.LatchCount} latches; pipeline takes a combinational netlist");
        foreach (var name in new[] { InValid, OutValid })
            if (input.FindInputBus(name) is not null || input.FindOutputBus(name) is not null)
                throw new NetlistException($"pipeline: the netlist already has a bus named '{name}'");

        var levels = LogicLevels.Compute(input);
        var depth = LogicLevels.Depth(input, levels);
        var latency = Math.Max(1, (depth + Every - 1) / Every);
        var b = NetlistBuilder.StartFrom(input, out var map);
        var inValid = b.AddInputBus(InValid, 1)[0];
        var registers = new Registers(b);

        var kinds = input.Kinds;
        var f0 = input.Fanin0;
        var f1 = input.Fanin1;
        for (var i = 1; i < kinds.Length; i++)
        {
            if (kinds[i] is not (NodeKind.And or NodeKind.Xor))
                continue;
            var stage = Stage(levels[i]);
            var a = registers.Delay(NetlistBuilder.MapLit(map, f0[i]), stage - Stage(levels[f0[i] >> 1]));
            var c = registers.Delay(NetlistBuilder.MapLit(map, f1[i]), stage - Stage(levels[f1[i] >> 1]));
            map[i] = kinds[i] == NodeKind.And ? b.And(a, c) : b.Xor(a, c);
        }
        foreach (var bus in input.OutputBuses)
        {
            var bits = new int[bus.Width];
            for (var i = 0; i < bits.Length; i++)
            {
                var lit = bus.Bits[i];
                bits[i] = registers.Delay(NetlistBuilder.MapLit(map, lit), latency - Stage(levels[lit >> 1]));
            }
            b.AddOutputBus(bus.Name, bits);
        }
        var dataRegisters = registers.Count;
        var valid = inValid;
        for (var s = 0; s < latency; s++)
        {
            var latch = b.AddLatch(LatchInit.Zero);
            b.SetLatchNext(latch, valid);
            valid = latch;
        }
        b.AddOutputBus(OutValid, [valid]);
        b.SetAttribute(LatencyAttribute, latency.ToString(CultureInfo.InvariantCulture));
        b.SetAttribute(EveryAttribute, Every.ToString(CultureInfo.InvariantCulture));
        var result = b.Build();

        var counts = PassResult.NewCounts();
        counts["latency"] = latency;
        counts["data_registers"] = dataRegisters;
        counts["valid_registers"] = latency;
        return new PassResult(result, true, counts);
    }

    /// <summary>Stage of a node at logic level <paramref name="level"/> (inputs and constants: 0).</summary>
    private int Stage(int level) => level == 0 ? 0 : (level - 1) / Every;

    /// <summary>Register chains per signal of the new netlist, shared by all readers.</summary>
    private sealed class Registers(NetlistBuilder builder)
    {
        private readonly Dictionary<long, int> _delayed = [];

        public int Count { get; private set; }

        /// <summary><paramref name="lit"/> delayed by <paramref name="cycles"/> registers.</summary>
        public int Delay(int lit, int cycles)
        {
            if (cycles == 0 || Lit.IsConst(lit))
                return lit;
            var inverted = lit & 1;
            var regular = lit & ~1;
            var key = ((long)regular << 24) | (uint)cycles;
            if (_delayed.TryGetValue(key, out var known))
                return known ^ inverted;
            var previous = Delay(regular, cycles - 1);
            var latch = builder.AddLatch(LatchInit.None);
            builder.SetLatchNext(latch, previous);
            Count++;
            _delayed[key] = latch;
            return latch ^ inverted;
        }
    }
}
