using System.Numerics;
using System.Runtime.InteropServices;
using GateForge.Ir;

namespace GateForge.Sim;

/// <summary>
/// The fast engine: the same results as <see cref="CombEvaluator.Evaluate"/> (bit for bit), for large
/// netlists and batches. The netlist is compiled once into a <see cref="FastPlan"/> (levelised, gates
/// grouped by operation, values in reusable scratch slots). The batch is cut into tiles of a few
/// vector registers per value; each tile sweeps the whole program with its values in a cache-sized
/// scratch, and tiles run on all cores.
/// </summary>
public sealed class FastEvaluator
{
    /// <summary>Scratch per worker we try to stay under (about half a Zen 4 / Golden Cove L2).</summary>
    private const long ScratchBudgetBytes = 512 * 1024;
    private const int MaxTileWords = 64;

    private readonly FastPlan _plan;

    /// <summary>Compiles <paramref name="nl"/> for its outputs (the output buses concatenated).</summary>
    public FastEvaluator(Netlist nl) : this(nl, nl.OutputLiterals())
    {
    }

    /// <summary>Compiles <paramref name="nl"/> for the given literals (rows of the result, in order).</summary>
    public FastEvaluator(Netlist nl, ReadOnlySpan<int> literals)
    {
        ArgumentNullException.ThrowIfNull(nl);
        InputCount = nl.InputCount;
        LatchCount = nl.LatchCount;
        _plan = FastPlan.Build(nl, literals);
    }

    public int InputCount { get; }
    public int LatchCount { get; }
    public int OutputCount => _plan.OutputSlots.Length;
    /// <summary>Gates in the cone of the requested literals (the work per sample).</summary>
    public int GateCount => _plan.GateCount;
    /// <summary>Scratch slots per tile after reuse (live values at the widest point, plus sources).</summary>
    public int SlotCount => _plan.SlotCount;
    /// <summary>Most worker threads used; 1 runs on the calling thread.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>One-shot helper: compile and evaluate all outputs.</summary>
    public static PackedBits Evaluate(Netlist nl, PackedBits inputs, PackedBits? latchState = null) =>
        new FastEvaluator(nl).Evaluate(inputs, latchState);

    /// <summary>The tile width in 64-bit words this engine picks for a batch of <paramref name="words"/> words.</summary>
    public int TileWords(int words)
    {
        var vector = FastKernels.VectorWords;
        var tile = vector;
        var slotBytes = Math.Max(1L, _plan.SlotCount) * 8;
        while (tile < MaxTileWords && tile < words && slotBytes * tile * 2 <= ScratchBudgetBytes)
            tile *= 2;
        return tile;
    }

    /// <summary>Evaluates the compiled literals; latches read <paramref name="latchState"/> or their reset value.</summary>
    public PackedBits Evaluate(PackedBits inputs, PackedBits? latchState = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Signals != InputCount)
            throw new ArgumentException($"netlist has {InputCount} inputs but {inputs.Signals} input rows were given");
        if (latchState is not null && (latchState.Signals != LatchCount || latchState.Samples != inputs.Samples))
            throw new ArgumentException("latch state does not match the netlist's latches or the sample count");
        var result = new PackedBits(OutputCount, inputs.Samples);
        var words = inputs.Words;
        if (words == 0)
            return result;
        var tileWords = TileWords(words);
        var shift = BitOperations.Log2((uint)tileWords);
        var tiles = (words + tileWords - 1) / tileWords;
        var scratchWords = (nuint)Math.Max(1, _plan.SlotCount) * (nuint)tileWords;
        var workers = Math.Min(MaxDegreeOfParallelism, tiles);
        if (workers <= 1)
        {
            using var scratch = new Scratch(scratchWords);
            for (var t = 0; t < tiles; t++)
                RunTile(t, tileWords, shift, inputs, latchState, result, scratch);
        }
        else
        {
            Parallel.For(0, tiles, new ParallelOptions { MaxDegreeOfParallelism = workers },
                () => new Scratch(scratchWords),
                (t, _, scratch) =>
                {
                    RunTile(t, tileWords, shift, inputs, latchState, result, scratch);
                    return scratch;
                },
                scratch => scratch.Dispose());
        }
        var tail = inputs.Samples % 64;
        if (tail != 0)
        {
            var mask = (1UL << tail) - 1;
            for (var o = 0; o < result.Signals; o++)
                result.Data[((long)o * words) + words - 1] &= mask;
        }
        return result;
    }

    private unsafe void RunTile(int tile, int tileWords, int shift, PackedBits inputs, PackedBits? latchState,
        PackedBits result, Scratch scratch)
    {
        var plan = _plan;
        var s = scratch.Pointer;
        var words = inputs.Words;
        var first = tile * tileWords;
        var valid = Math.Min(tileWords, words - first);
        if (plan.ConstSlot >= 0)
            new Span<ulong>(s + ((long)plan.ConstSlot << shift), tileWords).Clear();
        for (var i = 0; i < plan.InputSlots.Length; i++)
            if (plan.InputSlots[i] >= 0)
                Load(inputs, i, first, valid, new Span<ulong>(s + ((long)plan.InputSlots[i] << shift), tileWords));
        for (var i = 0; i < plan.LatchSlots.Length; i++)
        {
            if (plan.LatchSlots[i] < 0)
                continue;
            var dst = new Span<ulong>(s + ((long)plan.LatchSlots[i] << shift), tileWords);
            if (latchState is not null)
                Load(latchState, i, first, valid, dst);
            else
                dst.Fill(plan.LatchInit[i] == LatchInit.One ? ulong.MaxValue : 0UL);
        }
        fixed (int* ops = plan.Ops)
        {
            var groupOps = plan.GroupOps;
            var starts = plan.GroupStarts;
            for (var g = 0; g < groupOps.Length; g++)
                FastKernels.Run(groupOps[g], ops + (3 * starts[g]), starts[g + 1] - starts[g], s, shift);
        }
        for (var o = 0; o < plan.OutputSlots.Length; o++)
        {
            var src = s + ((long)plan.OutputSlots[o] << shift);
            var flip = plan.OutputFlips[o];
            var dst = result.Data.AsSpan((o * words) + first, valid);
            for (var w = 0; w < dst.Length; w++)
                dst[w] = src[w] ^ flip;
        }
    }

    private static void Load(PackedBits source, int row, int first, int valid, Span<ulong> dst)
    {
        source.Data.AsSpan((row * source.Words) + first, valid).CopyTo(dst);
        dst[valid..].Clear();
    }

    /// <summary>64-byte aligned native scratch for one worker.</summary>
    private sealed unsafe class Scratch : IDisposable
    {
        public Scratch(nuint words)
        {
            Pointer = (ulong*)NativeMemory.AlignedAlloc(words * sizeof(ulong), 64);
        }

        public ulong* Pointer { get; private set; }

        public void Dispose()
        {
            if (Pointer != null)
                NativeMemory.AlignedFree(Pointer);
            Pointer = null;
        }
    }
}
