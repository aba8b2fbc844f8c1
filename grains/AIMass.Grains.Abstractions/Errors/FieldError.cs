namespace AIMass.Grains;

/// <summary>One precise error: where (row, column or field) and what.</summary>
[GenerateSerializer, Immutable, Alias("aimass.field-error")]
public sealed record FieldError(
    [property: Id(0)] int? Row,
    [property: Id(1)] string? Column,
    [property: Id(2)] string Message)
{
    public override string ToString() => (Row, Column) switch
    {
        (int r, string c) => $"row {r}, column '{c}': {Message}",
        (int r, null) => $"row {r}: {Message}",
        (null, string c) => $"column '{c}': {Message}",
        _ => Message,
    };
}
