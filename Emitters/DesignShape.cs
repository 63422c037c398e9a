using GateForge.Ir;

namespace GateForge.Emitters;

/// <summary>
/// The interface of a netlist as the emitted files see it: data buses (without the pipeline's
/// <c>in_valid</c>/<c>out_valid</c>), their widths, and whether it has the GroupSum head's
/// <c>scores</c>/<c>class_id</c> outputs.
/// </summary>
public sealed class DesignShape
{
    public const string InValid = Names.Buses.InValid;
    public const string OutValid = Names.Buses.OutValid;
    public const string Scores = Names.Buses.Scores;
    public const string ClassId = Names.Buses.ClassId;

    public DesignShape(Netlist netlist)
    {
        Netlist = netlist;
        IsSequential = netlist.LatchCount > 0;
        DataInputs = [.. netlist.InputBuses.Where(b => b.Name != InValid)];
        DataOutputs = [.. netlist.OutputBuses.Where(b => b.Name != OutValid)];
        InputBits = DataInputs.Sum(b => b.Width);
        OutputBits = DataOutputs.Sum(b => b.Width);
        HasValid = netlist.FindInputBus(InValid) is not null && netlist.FindOutputBus(OutValid) is not null;
        var scores = netlist.FindOutputBus(Scores);
        var classId = netlist.FindOutputBus(ClassId);
        if (scores is not null && classId is not null
            && int.TryParse(netlist.Attribute(Names.Attributes.HeadClasses), out var classes)
            && int.TryParse(netlist.Attribute(Names.Attributes.HeadScoreBits), out var scoreBits)
            && classes > 0 && scoreBits > 0 && classes * scoreBits == scores.Width)
        {
            Classes = classes;
            ScoreBits = scoreBits;
            ClassBits = classId.Width;
        }
    }

    public Netlist Netlist { get; }
    public bool IsSequential { get; }
    /// <summary>Both <c>in_valid</c> and <c>out_valid</c> exist (a pipelined netlist).</summary>
    public bool HasValid { get; }
    public IReadOnlyList<Bus> DataInputs { get; }
    public IReadOnlyList<Bus> DataOutputs { get; }
    public int InputBits { get; }
    public int OutputBits { get; }
    /// <summary>Number of classes of the GroupSum head, 0 when the netlist has none.</summary>
    public int Classes { get; }
    public int ScoreBits { get; }
    public int ClassBits { get; }
    public bool HasHead => Classes > 0;

    /// <summary>Verilog concatenation of buses in hex-line order: the first bus in the low bits.</summary>
    public static string Concat(IReadOnlyList<Bus> buses) => buses.Count switch
    {
        0 => "",
        1 => buses[0].Name,
        _ => "{" + string.Join(", ", buses.Reverse().Select(b => b.Name)) + "}",
    };

    /// <summary>Same data buses (names and widths, in order) as <paramref name="other"/>.</summary>
    public bool SameInterface(DesignShape other) =>
        SameBuses(DataInputs, other.DataInputs) && SameBuses(DataOutputs, other.DataOutputs);

    private static bool SameBuses(IReadOnlyList<Bus> a, IReadOnlyList<Bus> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Name == p.Second.Name && p.First.Width == p.Second.Width);
}
