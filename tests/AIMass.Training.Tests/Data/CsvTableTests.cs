using System.Text;
using AIMass.Training.Data;
using AIMass.Training.Tests.Support;

namespace AIMass.Training.Tests.Data;

public sealed class CsvTableTests
{
    [Fact]
    public void Parses_the_iris_sample()
    {
        var table = Samples.Iris;
        Assert.Equal(150, table.RowCount);
        Assert.Equal(new[] { "sepal_length_(cm)", "sepal_width_(cm)", "petal_length_(cm)", "petal_width_(cm)", "species" }, table.Columns);
        Assert.Equal("5.1", table[0, 0]);
        Assert.Equal("setosa", table[0, "species"]);
        Assert.Equal("virginica", table[149, "species"]);
        Assert.False(table.Truncated);
    }

    [Fact]
    public void Reads_quotes_embedded_separators_line_breaks_and_empty_cells()
    {
        var table = Samples.Parse("name,note,value\n\"Smith, J\",\"two\nlines\",1.5\nDoe,,\n");
        Assert.Equal(2, table.RowCount);
        Assert.Equal("Smith, J", table[0, "name"]);
        Assert.Equal("two\nlines", table[0, "note"]);
        Assert.Null(table[1, "note"]);
        Assert.Null(table[1, "value"]);
    }

    [Fact]
    public void Detects_semicolons_and_trims_whitespace()
    {
        var table = Samples.Parse("a; b ;c\n 1 ;2;3\n4;5;6\n");
        Assert.Equal(new[] { "a", "b", "c" }, table.Columns);
        Assert.Equal("1", table[0, "a"]);
        Assert.Equal("6", table[1, 2]);
    }

    [Fact]
    public void Refuses_binary_content()
    {
        var bytes = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0, 0, 1, 2, 3 };
        var e = Assert.Throws<DataValidationException>(() => CsvTable.Parse(new MemoryStream(bytes)));
        Assert.Contains("not CSV text", e.Message);
        var nul = Encoding.ASCII.GetBytes("a,b\n1,2\n").Concat(new byte[] { 0, 0, 7, 0 }).ToArray();
        Assert.Contains("NUL", Assert.Throws<DataValidationException>(() => CsvTable.Parse(new MemoryStream(nul))).Message);
    }

    [Fact]
    public void Refuses_empty_input_and_header_without_rows()
    {
        Assert.Contains("empty", Assert.Throws<DataValidationException>(() => Samples.Parse("")).Message);
        Assert.Contains("no data rows", Assert.Throws<DataValidationException>(() => Samples.Parse("a,b,c\n")).Message);
    }

    [Fact]
    public void Refuses_a_first_row_of_numbers_as_header()
    {
        var e = Assert.Throws<DataValidationException>(() => Samples.Parse("5.1,3.5,1.4\n4.9,3.0,1.4\n"));
        Assert.Contains("no header", e.Message);
    }

    [Fact]
    public void Names_duplicate_and_empty_column_names()
    {
        var e = Assert.Throws<DataValidationException>(() => Samples.Parse("a,b,a,\n1,2,3,4\n"));
        Assert.Contains(e.Errors, x => x.Column == "a" && x.Message.Contains("more than once"));
        Assert.Contains(e.Errors, x => x.Message.Contains("column 4") && x.Message.Contains("empty name"));
    }

    [Fact]
    public void Names_each_ragged_row()
    {
        var e = Assert.Throws<DataValidationException>(() => Samples.Parse("a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n"));
        Assert.Equal(new int?[] { 2, 4 }, e.Errors.Select(x => x.Row).ToArray());
        Assert.Contains("row 2: has 2 fields; the header has 3", e.Message);
        Assert.Contains("row 4: has 4 fields", e.Message);
    }

    [Fact]
    public void Refuses_an_unterminated_quote_naming_the_row()
    {
        var e = Assert.Throws<DataValidationException>(() => Samples.Parse("a,b\n1,2\n3,\"oops\n"));
        Assert.Contains(e.Errors, x => x.Row == 2);
    }

    [Fact]
    public void Enforces_row_column_and_byte_caps()
    {
        var text = "a,b\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"{i},{i * 2}\n"));
        Assert.Contains("MaxRows", Assert.Throws<DataValidationException>(() => Samples.Parse(text, new CsvParseOptions { MaxRows = 10 })).Message);
        var cut = Samples.Parse(text, new CsvParseOptions { MaxRows = 10, TruncateAtMaxRows = true });
        Assert.Equal(10, cut.RowCount);
        Assert.True(cut.Truncated);
        Assert.Contains("MaxColumns", Assert.Throws<DataValidationException>(() => Samples.Parse(text, new CsvParseOptions { MaxColumns = 1 })).Message);
        var big = "a,b\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i},{i}\n"));
        Assert.Contains("MaxBytes", Assert.Throws<DataValidationException>(() => Samples.Parse(big, new CsvParseOptions { MaxBytes = 10_000 })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Samples.Parse(text, new CsvParseOptions { MaxRows = 0 }));
    }

    [Fact]
    public void Selects_rows_builds_from_dictionaries_and_writes_back()
    {
        var table = Samples.Parse("x,y\n1,a\n2,\"b,c\"\n3,\n");
        var picked = table.SelectRows(new[] { 2, 0 });
        Assert.Equal(new string?[] { "3", "1" }, picked.Column("x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.SelectRows(new[] { 3 }));
        var built = CsvTable.FromDictionaries(new[]
        {
            new Dictionary<string, string?> { ["x"] = "1", ["y"] = "a" },
            new Dictionary<string, string?> { ["y"] = "b", ["z"] = "q" },
        });
        Assert.Equal(new[] { "x", "y", "z" }, built.Columns);
        Assert.Null(built[1, "x"]);
        var writer = new StringWriter();
        table.WriteCsv(writer);
        var again = Samples.Parse(writer.ToString());
        Assert.Equal(table.Columns, again.Columns);
        Assert.Equal(table.Column("y"), again.Column("y"));
    }

    [Fact]
    public void Names_an_unknown_column()
    {
        var e = Assert.Throws<ArgumentException>(() => Samples.Iris.Column("petal"));
        Assert.Contains("'petal'", e.Message);
    }
}
