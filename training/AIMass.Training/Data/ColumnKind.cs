namespace AIMass.Training.Data;

/// <summary>What a column holds, as inferred by <see cref="SchemaInference"/>.</summary>
public enum ColumnKind
{
    /// <summary>Numbers (at least 90% of the non-missing values parse, culture-invariant).</summary>
    Numeric,

    /// <summary>A small-to-large set of string values (one-hot or hashed).</summary>
    Categorical,

    /// <summary>Two values such as true/false or yes/no.</summary>
    Boolean,

    /// <summary>Dates or date-times (parsed into numeric parts).</summary>
    Date,

    /// <summary>Free text (many distinct, long, multi-word values; hashed bag of words).</summary>
    Text,

    /// <summary>A row identifier (every value distinct); dropped.</summary>
    Identifier,

    /// <summary>One value (or none) throughout; dropped.</summary>
    Constant,
}
