namespace AIMass.Training.Data;

/// <summary>
/// The inferred schema of a table: one <see cref="ColumnSchema"/> per column, in file order.
/// </summary>
public sealed class TableSchema
{
    private readonly Dictionary<string, ColumnSchema> _byName;

    /// <summary>Creates a schema from column descriptions.</summary>
    public TableSchema(IReadOnlyList<ColumnSchema> columns, int rowCount, string? target)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = columns;
        RowCount = rowCount;
        Target = target;
        _byName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    /// <summary>Every column, in file order.</summary>
    public IReadOnlyList<ColumnSchema> Columns { get; }

    /// <summary>Rows the schema was inferred from.</summary>
    public int RowCount { get; }

    /// <summary>The target column's name, if one was given.</summary>
    public string? Target { get; }

    /// <summary>The columns used as features: not the target and not dropped.</summary>
    public IReadOnlyList<ColumnSchema> Features => Columns.Where(c => !c.IsTarget && !c.IsDropped).ToList();

    /// <summary>The columns dropped, each with its <see cref="ColumnSchema.DropReason"/>.</summary>
    public IReadOnlyList<ColumnSchema> Dropped => Columns.Where(c => c.IsDropped).ToList();

    /// <summary>The named column's schema; throws <see cref="KeyNotFoundException"/> naming it when absent.</summary>
    public ColumnSchema this[string name] =>
        _byName.TryGetValue(name, out var c) ? c : throw new KeyNotFoundException($"Column '{name}' is not in the schema.");

    /// <summary>Whether the schema has a column of this name.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);
}
