using AIMass.Training.Data;

namespace AIMass.Training.Preprocessing;

/// <summary>A boolean column (true/false, yes/no, y/n, t/f): +1 or -1, 0 when missing (with a missing indicator when training had missing values).</summary>
internal sealed class BooleanEncoder : ColumnEncoder
{
    public bool Indicator { get; init; }

    public override int Width => Indicator ? 2 : 1;

    public override IEnumerable<string> FeatureNames() => Indicator ? new[] { Column, Column + "#missing" } : new[] { Column };

    public override void Encode(string? cell, Span<float> output, int row)
    {
        var isMissing = CellValues.IsMissing(cell);
        if (isMissing) output[0] = 0f;
        else if (CellValues.TryParseBoolean(cell, out var b)) output[0] = b ? 1f : -1f;
        else throw Invalid(cell, row, "a boolean (true/false, yes/no)");
        if (Indicator) output[1] = isMissing ? 1f : 0f;
    }
}
