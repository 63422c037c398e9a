
namespace GateForge.Training.Tests;

public sealed class CsvReaderTests
{
    private static readonly string Cars = DataFixtures.File("cars.csv");

    [Fact]
    public void Reads_header_numeric_categorical_and_quoted_fields()
    {
        var d = CsvReader.Read(Cars, new CsvOptions());
        Assert.Equal("cars", d.Name);
        Assert.Equal(5, d.Count);
        Assert.Equal(["make", "doors", "weight", "colour, paint"], d.FeatureNames);
        Assert.Equal([FeatureKind.Categorical, FeatureKind.Numeric, FeatureKind.Numeric, FeatureKind.Categorical], d.Kinds);
        Assert.Equal(["audi", "ford", "opel", "vw"], d.CategoriesOf(0));
        Assert.Empty(d.CategoriesOf(1));
        Assert.Equal(["blue, metallic", "dark \"racing\" green", "multi\nline", "red"], d.CategoriesOf(3));
        Assert.Equal(["fast", "ok", "slow"], d.ClassNames);
        Assert.Equal([1, 0, 1, 2, 0], d.Labels);
        Assert.Equal(new float[] { 1, 4, 1200.5f, 3 }, d.Row(0).ToArray());
        Assert.Equal(new float[] { 3, 2, 950, 1 }, d.Row(1).ToArray());
        Assert.Equal(new float[] { 1, 4, 1302.25f, 0 }, d.Row(2).ToArray());
        Assert.Equal(new float[] { 0, 2, 1400, 2 }, d.Row(4).ToArray());
        Assert.Null(d.NominalRange);
    }

    [Fact]
    public void Label_column_by_name_or_index()
    {
        var byName = CsvReader.Read(Cars, new CsvOptions { LabelColumn = "make" });
        var byIndex = CsvReader.Read(Cars, new CsvOptions { LabelIndex = 0 });
        foreach (var d in new[] { byName, byIndex })
        {
            Assert.Equal(["doors", "weight", "colour, paint", "class"], d.FeatureNames);
            Assert.Equal(["audi", "ford", "opel", "vw"], d.ClassNames);
            Assert.Equal([1, 3, 1, 2, 0], d.Labels);
        }
    }

    [Fact]
    public void Listed_columns_are_categorical_in_numeric_order()
    {
        var d = CsvReader.Read(Cars, new CsvOptions { CategoricalColumns = ["doors"] });
        Assert.Equal(FeatureKind.Categorical, d.Kinds[1]);
        Assert.Equal(["2", "4", "5"], d.CategoriesOf(1));
        Assert.Equal([1f, 0f, 1f, 2f, 0f], Enumerable.Range(0, d.Count).Select(r => d[r, 1]));
    }

    [Fact]
    public void Numeric_labels_sort_numerically()
    {
        using var dir = new TempDir("gf-csv");
        var path = dir.File("n.csv");
        File.WriteAllText(path, "x;y\n1.5;10\n-2e1;9\n3;10\n");
        var d = CsvReader.Read(path, new CsvOptions { Delimiter = ';', Name = "n" });
        Assert.Equal(["9", "10"], d.ClassNames);
        Assert.Equal([1, 0, 1], d.Labels);
        Assert.Equal([1.5f, -20f, 3f], d.Features);
    }

    [Fact]
    public void Missing_label_column_names_file_and_line()
    {
        var path = DataFixtures.File("missing-label.csv");
        var e = Assert.Throws<DataFormatException>(() => CsvReader.Read(path, new CsvOptions { LabelColumn = "label" }));
        Assert.Equal($"{path}:1: label column 'label' not found in header (a, b, c)", e.Message);
    }

    [Fact]
    public void Label_index_out_of_range_is_refused()
    {
        var path = DataFixtures.File("missing-label.csv");
        var e = Assert.Throws<DataFormatException>(() => CsvReader.Read(path, new CsvOptions { LabelIndex = 3 }));
        Assert.Equal($"{path}:1: label column index 3 outside 0..2", e.Message);
    }

    [Fact]
    public void Ragged_row_names_file_and_line()
    {
        var path = DataFixtures.File("ragged.csv");
        var e = Assert.Throws<DataFormatException>(() => CsvReader.Read(path, new CsvOptions()));
        Assert.Equal($"{path}:3: 2 fields, expected 3 as in the header", e.Message);
    }

    [Fact]
    public void Empty_file_is_refused()
    {
        var path = DataFixtures.File("empty.csv");
        var e = Assert.Throws<DataFormatException>(() => CsvReader.Read(path, new CsvOptions()));
        Assert.Equal($"{path}:1: empty file, expected a header row", e.Message);
    }

    [Theory]
    [InlineData("a,y\n", "x.csv:1: header only, no data rows")]
    [InlineData("a,y\n1,0\n\"2,1\n", "x.csv:3: quoted field not closed before the end of the file")]
    [InlineData("a,y\n1,0\n2x\"3\",1\n", "x.csv:3: stray quote inside a field")]
    [InlineData("a,y\n\"1\"2,0\n", "x.csv:2: text after a closing quote")]
    [InlineData("a,b,y\n1,2,0\n,3,1\n", "x.csv:3: empty value in numeric column 'a'")]
    [InlineData("a,y\n1,0\n2,\n", "x.csv:3: empty label in column 'y'")]
    [InlineData("a,y\n1,0\n", "x.csv:1: categorical column 'z' not found in header (a, y)")]
    [InlineData("y\n1\n", "x.csv:1: no feature columns besides the label column")]
    [InlineData("a,y\n1,0\nNaN,1\n", "x.csv:3: value 'NaN' in column 'a' is not a finite number")]
    [InlineData("a,y\n1e50,0\n", "x.csv:2: value '1e50' in column 'a' is not a finite number")]
    public void Malformed_text_gives_a_located_error(string text, string expected)
    {
        var options = expected.Contains("'z'", StringComparison.Ordinal) ? new CsvOptions { CategoricalColumns = ["z"] } : new CsvOptions();
        var e = Assert.Throws<DataFormatException>(() => CsvReader.Parse(text, "x.csv", options));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Crlf_line_ends_bom_and_spaces_are_accepted()
    {
        var d = CsvReader.Parse("\uFEFFa , b ,y\r\n 1 , red ,0\r\n2,\" blue \",1\r\n", "x.csv", new CsvOptions());
        Assert.Equal(["a", "b"], d.FeatureNames);
        Assert.Equal([" blue ", "red"], d.CategoriesOf(1));
        Assert.Equal([1f, 1f, 2f, 0f], d.Features);
    }
}
