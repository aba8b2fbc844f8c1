namespace AIMass.Training.Data;

/// <summary>
/// The shape of image rows stored as pixel columns: <c>Channels x Height x Width</c> values per row, in
/// channel-major, then row-major order (the order of the CSV's feature columns).
/// </summary>
public sealed record ImageShape(int Channels, int Height, int Width)
{
    /// <summary>Pixels per image (<c>C*H*W</c>).</summary>
    public int Size => Channels * Height * Width;

    /// <summary>Throws <see cref="ArgumentException"/> unless every dimension is positive.</summary>
    public void Validate()
    {
        if (Channels <= 0 || Height <= 0 || Width <= 0)
        {
            throw new ArgumentException($"Image shape {this} must have positive channels, height and width.", "Image");
        }
    }

    /// <summary>Formats as <c>1x8x8</c>.</summary>
    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
