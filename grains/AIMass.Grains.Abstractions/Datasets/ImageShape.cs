namespace AIMass.Grains.Datasets;

/// <summary>Declared shape of an image data set stored as pixel columns (channels, height, width).</summary>
[GenerateSerializer, Immutable, Alias("aimass.image-shape")]
public sealed record ImageShape(
    [property: Id(0)] int Channels,
    [property: Id(1)] int Height,
    [property: Id(2)] int Width)
{
    public int Pixels => Channels * Height * Width;

    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
