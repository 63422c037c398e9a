
namespace GateForge.Training.Tests;

/// <summary>Sequence CSV files (<c>seqcsv:</c>, issue 13): one row per step, an id column, a label on the last row.</summary>
public sealed class SequenceCsvTests
{
    private const string Text = """
        id,a,b,label
        s1,0,1,
        s1,1,1,odd
        s2,1,0,even
        s3,0,0,x
        s3,0,1,x
        s3,1,1,even
        """;

    [Fact]
    public void Rows_become_steps_of_their_sequence_and_the_last_rows_label_is_the_class()
    {
        var set = SequenceCsv.Parse(Text, "t.csv");
        Assert.Equal(2, set.StepBits);
        Assert.Equal([2, 1, 3], set.Lengths);
        Assert.Equal([1, 0, 0], set.Labels); // classes in ordinal order: even = 0, odd = 1
        Assert.Equal(2, set.ClassCount);
        Assert.Equal(new byte[] { 0, 1, 1, 1 }, set.Step(0, 0).ToArray().Concat(set.Step(0, 1).ToArray()));
        Assert.Equal(new byte[] { 1, 1 }, set.Step(2, 2).ToArray());
    }

    [Fact]
    public void The_id_and_label_columns_can_be_named()
    {
        var set = SequenceCsv.Parse("label,bit,seq\nodd,1,a\neven,1,a\nodd,0,b\n", "t.csv", idColumn: "seq", labelColumn: "label");
        Assert.Equal(1, set.StepBits);
        Assert.Equal([2, 1], set.Lengths);
        Assert.Equal([0, 1], set.Labels);
        Assert.Equal(("/d/t.csv", "seq", "label"), SequenceCsv.Parse("seqcsv:/d/t.csv:id=seq:label=label"));
        Assert.Equal(("/d/t.csv", null, null), SequenceCsv.Parse("seqcsv:/d/t.csv"));
    }

    /// <summary>Bad files and the one line each gets, naming the place.</summary>
    private static readonly (string Text, string Message)[] BadFiles =
    [
        ("id,a,label\ns1,2,odd\ns2,0,even\n", "t.csv:2: column 'a' is '2'; input columns hold bits, 0 or 1"),
        ("id,a,label\ns1,1,odd\ns2,0,even\ns1,1,odd\n", "t.csv:4: sequence 's1' continues after other rows; a sequence's rows must be consecutive"),
        ("id,a,label\ns1,1,odd\ns2,0,odd\n", "t.csv: every sequence has the label 'odd'; a classifier needs at least two classes"),
        ("id,a,label\ns1,1,odd\ns2,0,\n", "t.csv: sequence 2 has no label on its last row"),
        ("id,label\ns1,odd\n", "t.csv: no input column besides the id and the label"),
        ("id,a,label\ns1,1\n", "t.csv:2: 2 fields, the header has 3"),
        ("id,a,label\n", "t.csv:1: header only, no step rows"),
    ];

    [Fact]
    public void Bad_files_are_refused_with_one_line_naming_the_place()
    {
        var messages = BadFiles.Select(f => Record.Exception(() => SequenceCsv.Parse(f.Text, "t.csv"))).ToList();
        Assert.All(messages, e => Assert.IsType<DataFormatException>(e));
        Assert.Equal(BadFiles.Select(f => f.Message), messages.Select(e => e!.Message));
    }

    [Fact]
    public void The_split_holds_out_a_fifth_of_whole_sequences_the_same_way_every_time()
    {
        var rows = string.Join("\n", Enumerable.Range(0, 50).SelectMany(i => new[] { $"q{i},{i % 2},", $"q{i},1,{(i % 3 == 0 ? "a" : "b")}" }));
        var all = SequenceCsv.Parse("id,x,y\n" + rows + "\n", "t.csv");
        var split = SequenceCsv.Split(all);
        Assert.Equal(10, split.Test.Count);
        Assert.Equal(40, split.Train.Count);
        var again = SequenceCsv.Split(all);
        Assert.Equal(split.Test.Bits, again.Test.Bits);
        Assert.Equal(split.Test.Labels, again.Test.Labels);
        Assert.Equal(all.Lengths.Sum(), split.Train.Lengths.Sum() + split.Test.Lengths.Sum());
    }

    [Fact]
    public void A_checkpoint_records_the_file_by_its_absolute_path()
    {
        Assert.Equal("seqcsv:/data/s.csv:id=seq", DataSets.Anchored("seqcsv:s.csv:id=seq", "/data"));
        Assert.True(SequenceData.IsSequenceSpec("seqcsv:x.csv"));
        Assert.True(SequenceData.IsSequenceSpec("stream-div3"));
        Assert.False(SequenceData.IsSequenceSpec("csv:x.csv"));
    }
}
