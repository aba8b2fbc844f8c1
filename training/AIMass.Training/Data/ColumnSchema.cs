namespace AIMass.Training.Data;

/// <summary>
/// What <see cref="SchemaInference"/> found in one column.
/// </summary>
/// <param name="Name">The column's name.</param>
/// <param name="Kind">What the column holds.</param>
/// <param name="MissingCount">Cells that are empty or a missing token (<see cref="CellValues.IsMissing"/>).</param>
/// <param name="DistinctCount">Distinct non-missing values (exact text).</param>
/// <param name="Min">Smallest finite number (numeric columns only).</param>
/// <param name="Max">Largest finite number (numeric columns only).</param>
/// <param name="Mean">Mean of the finite numbers (numeric columns only).</param>
/// <param name="DropReason">Why the column is not used as a feature (identifier, constant), or <c>null</c> when it is used.</param>
/// <param name="IsTarget">Whether this is the target column (never dropped).</param>
public sealed record ColumnSchema(
    string Name,
    ColumnKind Kind,
    int MissingCount,
    int DistinctCount,
    double? Min,
    double? Max,
    double? Mean,
    string? DropReason,
    bool IsTarget = false)
{
    /// <summary>Whether the column is left out of the features.</summary>
    public bool IsDropped => DropReason is not null;
}
