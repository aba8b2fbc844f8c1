using AIMass.Training.Data;
using AIMass.Training.Preprocessing;
using AIMass.Training.Tests.Support;

namespace AIMass.Training.Tests.Preprocessing;

public sealed class TabularPreprocessorTests
{
    private static readonly int[] FirstFour = { 0, 1, 2, 3 };

    [Fact]
    public void Numeric_missing_values_take_the_median_and_set_an_indicator()
    {
        var table = Samples.Parse("x,y\n1,a\n2,b\n,a\n10,b\n");
        var p = TabularPreprocessor.Fit(table, "y", TaskKind.Classification, FirstFour);
        Assert.Equal(new[] { "x", "x#missing" }, p.FeatureNames);
        var f = p.Transform(table);
        // mean of 1, 2, 10 = 13/3, population sd = sqrt(((1-13/3)^2 + (2-13/3)^2 + (10-13/3)^2)/3)
        var mean = 13.0 / 3;
        var sd = Math.Sqrt((Math.Pow(1 - mean, 2) + Math.Pow(2 - mean, 2) + Math.Pow(10 - mean, 2)) / 3);
        Assert.Equal((float)((1 - mean) / sd), f[0], 5);
        Assert.Equal(0f, f[1]);
        Assert.Equal((float)((2 - mean) / sd), f[4], 5); // row 2: the median (2) imputed
        Assert.Equal(1f, f[5]);
    }

    [Fact]
    public void Only_training_rows_are_fitted()
    {
        var table = Samples.Parse("x,y\n1,a\n3,b\n1000,a\n");
        var p = TabularPreprocessor.Fit(table, "y", TaskKind.Classification, new[] { 0, 1 });
        var f = p.Transform(table);
        Assert.Equal(-1f, f[0], 5);
        Assert.Equal(1f, f[1], 5);
        Assert.Equal(998f, f[2], 3);
    }

    [Fact]
    public void Unseen_categories_land_in_the_other_slot_and_missing_has_its_own()
    {
        var table = Samples.Parse("color,y\nred,a\nblue,b\nred,a\n,b\n");
        var p = TabularPreprocessor.Fit(table, "y", TaskKind.Classification, FirstFour);
        Assert.Equal(new[] { "color=red", "color=(missing)", "color=blue", "color=(other)" }, p.FeatureNames);
        var fresh = Samples.Parse("color\ngreen\nblue\nNA\n");
        var f = p.Transform(fresh);
        Assert.Equal(new float[] { 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0 }, f);
    }

    [Fact]
    public void High_cardinality_categories_are_hashed_stably()
    {
        var rows = Enumerable.Range(0, 100).Select(i => $"k{i % 50},{i % 2}");
        var table = Samples.Parse("key,y\n" + string.Join("\n", rows));
        var p = TabularPreprocessor.Fit(table, "y", TaskKind.Classification, Enumerable.Range(0, 100).ToArray());
        Assert.Equal(TabularPreprocessor.HashBuckets, p.FeatureCount);
        var f = p.Transform(Samples.Parse("key\nk3\nnever-seen\nk3\n"));
        Assert.Equal(1f, f.Take(64).Sum());
        Assert.Equal(1f, f.Skip(64).Take(64).Sum());
        Assert.Equal(f.Take(64), f.Skip(128).Take(64));
    }

    [Fact]
    public void Identifier_and_constant_columns_are_dropped_with_reasons()
    {
        var rows = Enumerable.Range(0, 30).Select(i => $"{i},{i * 0.37},fixed,{(i % 3 == 0 ? "a" : "b")}");
        var table = Samples.Parse("row_id,x,const,y\n" + string.Join("\n", rows));
        var p = TabularPreprocessor.Fit(table, "y", TaskKind.Classification, Enumerable.Range(0, 30).ToArray());
        Assert.Equal(new[] { "x" }, p.InputColumns);
        Assert.Contains(p.Dropped, d => d.Column == "row_id" && d.Reason.Contains("identifier"));
        Assert.Contains(p.Dropped, d => d.Column == "const" && d.Reason.Contains("one value"));
        // Dropped columns are not needed at prediction time.
        Assert.Single(p.Transform(Samples.Parse("x\n1.5\n")));
    }

    [Fact]
    public void Dates_become_numeric_parts_and_booleans_signs()
    {
        var table = Samples.Parse("when,member,y\n2020-01-15,yes,a\n2020-07-01,no,b\n2021-01-15T12:00:00,yes,a\n2022-03-03,,b\n");
        var p = TabularPreprocessor.Fit(table, "y", TaskKind.Classification, FirstFour);
        Assert.Equal(9 + 2, p.FeatureCount);
        var f = p.Transform(table);
        Assert.Equal((0f, 1f), (f[1], f[2])); // January: month sin 0, cos 1
        Assert.Equal(0f, f[0 * 11 + 6], 5); // midnight: time sin 0
        Assert.Equal(0f, f[2 * 11 + 6], 4); // noon: sin(pi) = 0 ...
        Assert.Equal(-1f, f[2 * 11 + 7], 4); // ... cos(pi) = -1
        Assert.True(f[0] < f[11] && f[11] < f[22] && f[22] < f[33]); // later dates, larger year feature
        Assert.Equal(1f, f[9]);
        Assert.Equal(-1f, f[11 + 9]);
        Assert.Equal((0f, 1f), (f[33 + 9], f[33 + 10])); // missing boolean: 0 and the indicator
        Assert.Contains("'someday' is not a date", Assert.Throws<DataValidationException>(() => p.Transform(Samples.Parse("when,member\nsomeday,yes\n"))).Message);
    }

    [Fact]
    public void Text_is_a_normalised_hashed_bag_of_words()
    {
        var rows = Enumerable.Range(0, 30).Select(i => $"\"review number {i} says the thing was {(i % 2 == 0 ? "good" : "bad")} overall\",{i % 2}");
        var table = Samples.Parse("review,y\n" + string.Join("\n", rows));
        var p = TabularPreprocessor.Fit(table, "y", TaskKind.Classification, Enumerable.Range(0, 30).ToArray());
        var f = p.Transform(Samples.Parse("review\n\"Good, good thing\"\n\"good thing GOOD\"\n"));
        Assert.Equal(1.0, Math.Sqrt(f.Take(64).Sum(v => v * v)), 4);
        Assert.Equal(f.Take(64), f.Skip(64));
    }

    [Fact]
    public void Json_round_trip_transforms_identically()
    {
        var split = DataSplitter.Split(Samples.Iris, "species", TaskKind.Classification, 0.2, 0.2, 1);
        var p = TabularPreprocessor.Fit(Samples.Iris, "species", TaskKind.Classification, split.Train);
        var q = TabularPreprocessor.FromJson(p.ToJson());
        Assert.Equal(p.Transform(Samples.Iris), q.Transform(Samples.Iris));
        Assert.Equal(p.Target.Classes, q.Target.Classes);
        Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, q.Target.Classes);
    }

    [Fact]
    public void Refuses_rows_lacking_an_input_column_and_unreadable_cells()
    {
        var p = TabularPreprocessor.Fit(Samples.Iris, "species", TaskKind.Classification, Enumerable.Range(0, 150).ToArray());
        var e = Assert.Throws<ArgumentException>(() => p.Transform(Samples.Parse("sepal_length_(cm),sepal_width_(cm),petal_length_(cm)\n1,2,3\n")));
        Assert.Contains("'petal_width_(cm)'", e.Message);
        var bad = Samples.Parse("petal_width_(cm),petal_length_(cm),sepal_width_(cm),sepal_length_(cm),extra\n0.2,1.4,3.5,5.1,x\n0.2,1.4,wide,5.1,y\n");
        var d = Assert.Throws<DataValidationException>(() => p.Transform(bad));
        Assert.Equal((2, "sepal_width_(cm)"), (d.Errors[0].Row!.Value, d.Errors[0].Column));
    }

    [Fact]
    public void Numeric_labels_sort_by_value_and_regression_targets_standardise()
    {
        var p = TabularPreprocessor.Fit(Samples.Digits, "digit", TaskKind.Classification, Enumerable.Range(0, 100).ToArray(), Samples.DigitsShape);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString()), p.Target.Classes);
        var r = TabularPreprocessor.Fit(Samples.Diabetes, "progression", TaskKind.Regression, Enumerable.Range(0, 442).ToArray());
        Assert.Equal(152.13, r.Target.Mean, 2);
        Assert.Equal(r.Target.Mean + r.Target.Scale, r.Target.Decode(1), 6);
    }

    [Fact]
    public void Image_pixels_keep_order_and_are_normalised_per_channel()
    {
        var rows = Enumerable.Range(0, 200).ToArray();
        var p = TabularPreprocessor.Fit(Samples.Digits, "digit", TaskKind.Classification, rows, Samples.DigitsShape);
        Assert.Equal(64, p.FeatureCount);
        Assert.Empty(p.Dropped); // constant border pixels stay: the image needs them
        Assert.Equal(Samples.Digits.Columns.Take(64), p.InputColumns);
        var f = p.Transform(Samples.Digits, rows);
        Assert.Equal(0.0, f.Average(), 4);
        Assert.Equal(1.0, Math.Sqrt(f.Average(v => v * v)), 3);
        Assert.Throws<ArgumentException>(() => TabularPreprocessor.Fit(Samples.Digits, "digit", TaskKind.Classification, rows, new ImageShape(1, 8, 7)));
    }

    [Fact]
    public void A_single_class_target_is_refused()
    {
        var e = Assert.Throws<DataValidationException>(() =>
            TabularPreprocessor.Fit(Samples.Parse("x,y\n1,a\n2,a\n3,a\n"), "y", TaskKind.Classification, new[] { 0, 1, 2 }));
        Assert.Contains("1 class", e.Message);
    }
}
