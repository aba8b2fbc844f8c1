using System.Text.Json.Serialization;
using AIMass.Training.Data;

namespace AIMass.Training.Preprocessing;

/// <summary>
/// Turns one column's cell text into a fixed number of float features with parameters fitted on the
/// training rows. Serialised (as part of <see cref="TabularPreprocessor"/>) into a model artifact.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "encoder")]
[JsonDerivedType(typeof(NumericEncoder), "numeric")]
[JsonDerivedType(typeof(OneHotEncoder), "one-hot")]
[JsonDerivedType(typeof(HashingEncoder), "hashing")]
[JsonDerivedType(typeof(BooleanEncoder), "boolean")]
[JsonDerivedType(typeof(DateEncoder), "date")]
[JsonDerivedType(typeof(TextEncoder), "text")]
[JsonDerivedType(typeof(ScaledEncoder), "scaled")]
internal abstract class ColumnEncoder
{
    /// <summary>The column read.</summary>
    public string Column { get; init; } = "";

    /// <summary>Features written per row.</summary>
    [JsonIgnore]
    public abstract int Width { get; }

    /// <summary>Names of the features written, for reports.</summary>
    public abstract IEnumerable<string> FeatureNames();

    /// <summary>Writes the features of one cell into <paramref name="output"/> (length <see cref="Width"/>);
    /// <paramref name="row"/> (1-based) only names the row in errors.</summary>
    public abstract void Encode(string? cell, Span<float> output, int row);

    /// <summary>The error for a cell this encoder cannot read.</summary>
    protected DataValidationException Invalid(string? cell, int row, string expected) =>
        new(new DataError(row, Column, $"'{cell}' is not {expected}"));
}
