namespace AIMass.Training.Data;

/// <summary>
/// One problem found in a data set.
/// </summary>
/// <param name="Row">The 1-based data row: the first row after the header is row 1 (the header itself is not
/// counted). <c>null</c> when the problem is not about one row (a missing column, an empty file).</param>
/// <param name="Column">The column's name, or <c>null</c> when the problem is about a whole row or the file.</param>
/// <param name="Message">What is wrong, in words.</param>
public sealed record DataError(int? Row, string? Column, string Message)
{
    /// <summary>Formats as <c>row 17, column 'petal_width': 'abc' is not a number</c>.</summary>
    public override string ToString()
    {
        var where = (Row, Column) switch
        {
            ({ } r, { } c) => $"row {r}, column '{c}': ",
            ({ } r, null) => $"row {r}: ",
            (null, { } c) => $"column '{c}': ",
            _ => "",
        };
        return where + Message;
    }
}
