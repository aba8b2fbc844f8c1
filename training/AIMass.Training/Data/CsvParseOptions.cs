namespace AIMass.Training.Data;

/// <summary>
/// Limits and format choices for <see cref="CsvTable.Parse"/>. The caps keep memory bounded whatever the
/// upload: a file over a cap is refused with a <see cref="DataValidationException"/> that names the cap
/// (or, for rows only, cut at <see cref="MaxRows"/> when <see cref="TruncateAtMaxRows"/> is set).
/// </summary>
public sealed record CsvParseOptions
{
    /// <summary>The most data rows (header excluded). Default 1,000,000.</summary>
    public int MaxRows { get; init; } = 1_000_000;

    /// <summary>The most columns. Default 10,000.</summary>
    public int MaxColumns { get; init; } = 10_000;

    /// <summary>The most bytes read from the stream. Default 256 MiB. A table holds its cells as text: plan for up to
    /// about five times the file's size in memory for mostly distinct numbers (far less for repeated values).</summary>
    public long MaxBytes { get; init; } = 256L << 20;

    /// <summary>Keep the first <see cref="MaxRows"/> rows of a longer file instead of refusing it.</summary>
    public bool TruncateAtMaxRows { get; init; }

    /// <summary>The field delimiter; <c>null</c> (default) detects it among comma, semicolon, tab and pipe.</summary>
    public char? Delimiter { get; init; }

    /// <summary>How many structural errors are collected before parsing stops. Default 20.</summary>
    public int MaxErrors { get; init; } = 20;

    /// <summary>The defaults.</summary>
    public static CsvParseOptions Default { get; } = new();
}
