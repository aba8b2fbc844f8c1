namespace AIMass.Training.Data;

/// <summary>
/// A data set is unusable: not CSV, structurally broken, or holding values the target or a numeric column
/// cannot take. <see cref="Errors"/> lists every problem found (up to a cap); the message lists the first few,
/// e.g. <c>row 17, column 'petal_width': 'abc' is not a number</c>. Rows are 1-based data rows (header excluded).
/// </summary>
public sealed class DataValidationException : Exception
{
    /// <summary>How many errors the message spells out.</summary>
    public const int ErrorsInMessage = 5;

    /// <summary>Creates the exception from one or more errors.</summary>
    public DataValidationException(IReadOnlyList<DataError> errors)
        : base(Format(errors))
    {
        ArgumentNullException.ThrowIfNull(errors);
        Errors = errors;
    }

    /// <summary>Creates the exception from a single error.</summary>
    public DataValidationException(DataError error) : this(new[] { error })
    {
    }

    /// <summary>Every problem found (rows 1-based, header excluded).</summary>
    public IReadOnlyList<DataError> Errors { get; }

    private static string Format(IReadOnlyList<DataError> errors)
    {
        if (errors is null || errors.Count == 0) return "The data is invalid.";
        var shown = string.Join("; ", errors.Take(ErrorsInMessage));
        var more = errors.Count > ErrorsInMessage ? $" (and {errors.Count - ErrorsInMessage} more)" : "";
        return $"The data is invalid: {shown}{more}.";
    }
}
