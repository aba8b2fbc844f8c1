using System.Globalization;
using AIMass.Training.Data;
using AIMass.Training.Tests.Support;

namespace AIMass.Training.Tests.Data;

public sealed class SchemaInferenceTests
{
    private static CsvTable Mixed()
    {
        var lines = new List<string> { "id,age,city,member,joined,review,code,const,score" };
        var cities = new[] { "Paris", "Oslo", "Rome" };
        for (var i = 0; i < 40; i++)
        {
            var age = i % 7 == 0 ? "" : (20 + i).ToString(CultureInfo.InvariantCulture);
            var review = $"\"the product number {i} was {(i % 2 == 0 ? "great" : "poor")} and arrived late\"";
            lines.Add($"{i + 1},{age},{cities[i % 3]},{(i % 2 == 0 ? "yes" : "no")},2021-0{1 + i % 9}-1{i % 10},{review},C{i:000},same,{i * 0.5}");
        }
        return Samples.Parse(string.Join("\n", lines));
    }

    [Fact]
    public void Infers_each_kind_and_drop_reason()
    {
        var schema = SchemaInference.Infer(Mixed(), "score");
        Assert.Equal(ColumnKind.Identifier, schema["id"].Kind);
        Assert.Contains("identifier", schema["id"].DropReason);
        Assert.Equal(ColumnKind.Numeric, schema["age"].Kind);
        Assert.Equal(6, schema["age"].MissingCount);
        Assert.Equal(ColumnKind.Categorical, schema["city"].Kind);
        Assert.Equal(3, schema["city"].DistinctCount);
        Assert.Equal(ColumnKind.Boolean, schema["member"].Kind);
        Assert.Equal(ColumnKind.Date, schema["joined"].Kind);
        Assert.Equal(ColumnKind.Text, schema["review"].Kind);
        Assert.Equal(ColumnKind.Identifier, schema["code"].Kind);
        Assert.Equal(ColumnKind.Constant, schema["const"].Kind);
        Assert.Contains("one value", schema["const"].DropReason);
        Assert.True(schema["score"].IsTarget);
        Assert.False(schema["score"].IsDropped);
        Assert.DoesNotContain(schema.Features, c => c.Name is "id" or "code" or "const" or "score");
    }

    [Fact]
    public void Reports_numeric_statistics()
    {
        var schema = SchemaInference.Infer(Samples.Iris, "species");
        var petal = schema["petal_length_(cm)"];
        Assert.Equal(ColumnKind.Numeric, petal.Kind);
        Assert.Equal(1.0, petal.Min);
        Assert.Equal(6.9, petal.Max);
        Assert.Equal(3.758, petal.Mean!.Value, 3);
        Assert.Equal(ColumnKind.Categorical, schema["species"].Kind);
    }

    [Fact]
    public void Keeps_real_valued_distinct_columns_numeric()
    {
        // Every diabetes feature value is nearly distinct, but they are measurements, not identifiers.
        var schema = SchemaInference.Infer(Samples.Diabetes, "progression");
        Assert.All(schema.Columns, c => Assert.Equal(ColumnKind.Numeric, c.Kind));
        Assert.Empty(schema.Dropped);
    }
}
