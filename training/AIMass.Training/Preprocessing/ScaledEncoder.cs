using AIMass.Training.Data;

namespace AIMass.Training.Preprocessing;

/// <summary>
/// A pixel column of image data: <c>(x - Offset) / Scale</c> with its channel's training mean and standard
/// deviation; a missing pixel reads as the channel mean (0 after scaling).
/// </summary>
internal sealed class ScaledEncoder : ColumnEncoder
{
    public double Offset { get; init; }
    public double Scale { get; init; } = 1;

    public override int Width => 1;

    public override IEnumerable<string> FeatureNames() => new[] { Column };

    public override void Encode(string? cell, Span<float> output, int row)
    {
        if (CellValues.IsMissing(cell))
        {
            output[0] = 0f;
            return;
        }
        if (!CellValues.TryParseFiniteNumber(cell, out var value)) throw Invalid(cell, row, "a finite number (a pixel value)");
        output[0] = (float)((value - Offset) / Scale);
    }
}
