using AIMass.Training.Data;
using AIMass.Training.Tests.Support;

namespace AIMass.Training.Tests.Data;

public sealed class DatasetValidatorTests
{
    private static string IrisWith(Func<int, string, string> edit)
    {
        var lines = File.ReadAllLines(Samples.PathOf("iris.csv"));
        return string.Join("\n", lines.Select((l, i) => i == 0 ? l : edit(i, l)));
    }

    [Fact]
    public void Accepts_the_samples()
    {
        DatasetValidator.Validate(Samples.Iris, "species");
        DatasetValidator.Validate(Samples.Digits, "digit");
        DatasetValidator.Validate(Samples.Diabetes, "progression");
    }

    [Fact]
    public void Names_a_missing_target()
    {
        var e = Assert.Throws<DataValidationException>(() => DatasetValidator.Validate(Samples.Iris, "variety"));
        Assert.Contains("'variety'", e.Message);
        Assert.Contains("species", e.Message);
        Assert.Equal("variety", e.Errors.Single().Column);
    }

    [Fact]
    public void Refuses_a_target_without_values()
    {
        var table = Samples.Parse("x,y\n1,\n2,NA\n3,\n");
        var e = Assert.Throws<DataValidationException>(() => DatasetValidator.Validate(table, "y"));
        Assert.Contains("no values", e.Message);
    }

    [Fact]
    public void Names_each_non_number_in_a_numeric_column_by_row_and_column()
    {
        var table = Samples.Parse(IrisWith((i, l) => i == 17 ? "5.4,3.9,1.3,abc,setosa" : i == 30 ? "4.7,3.2,1.6,0.2x,setosa" : l));
        var e = Assert.Throws<DataValidationException>(() => DatasetValidator.Validate(table, "species"));
        Assert.Contains("row 17, column 'petal_width_(cm)': 'abc' is not a number", e.Message);
        Assert.Equal(new int?[] { 17, 30 }, e.Errors.Select(x => x.Row).ToArray());
        Assert.All(e.Errors, x => Assert.Equal("petal_width_(cm)", x.Column));
    }

    [Fact]
    public void Names_nan_infinity_and_absurd_values()
    {
        var table = Samples.Parse(IrisWith((i, l) => i switch
        {
            3 => "NaN,3.2,1.3,0.2,setosa",
            5 => "5.0,Infinity,1.4,0.2,setosa",
            8 => "5.0,3.4,1e20,0.2,setosa",
            _ => l,
        }));
        var e = Assert.Throws<DataValidationException>(() => DatasetValidator.Validate(table, "species"));
        Assert.Contains(e.Errors, x => x.Row == 3 && x.Column == "sepal_length_(cm)" && x.Message.Contains("not a finite number"));
        Assert.Contains(e.Errors, x => x.Row == 5 && x.Column == "sepal_width_(cm)");
        Assert.Contains(e.Errors, x => x.Row == 8 && x.Column == "petal_length_(cm)" && x.Message.Contains("too large"));
    }

    [Fact]
    public void Leaves_mostly_text_columns_alone()
    {
        // 2 of 4 values are numbers: below the 90% bar, so the column is categorical and not an error.
        DatasetValidator.Validate(Samples.Parse("code,y\n1,a\nA7,b\n3,a\nB2,b\n"), "y");
    }
}
