using System.Globalization;
using CsvHelper;

namespace AIMass.Training.Data;

/// <summary>
/// An in-memory CSV table: a header of unique, non-empty column names and rows of equal width. Cells are the
/// trimmed text of the file, or <c>null</c> for an empty cell; nothing is converted at load time (see
/// <see cref="CellValues"/> for how text is read). Storage is column-major and repeated values within a
/// column share one string, so a table of small integers (pixels) costs little more than its pointers.
/// Immutable and safe to read from several threads.
/// </summary>
public sealed class CsvTable
{
    private readonly string?[][] _cells;
    private readonly Dictionary<string, int> _index;

    internal CsvTable(IReadOnlyList<string> columns, string?[][] cells, int rowCount, bool truncated)
    {
        Columns = columns;
        _cells = cells;
        RowCount = rowCount;
        Truncated = truncated;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++) _index[columns[i]] = i;
    }

    /// <summary>The column names in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The number of data rows (header excluded).</summary>
    public int RowCount { get; }

    /// <summary>Whether the file had more rows than <see cref="CsvParseOptions.MaxRows"/> and was cut there.</summary>
    public bool Truncated { get; }

    /// <summary>The cell at a 0-based row index and 0-based column index (<c>null</c> when empty).</summary>
    public string? this[int row, int column]
    {
        get
        {
            if ((uint)row >= (uint)RowCount) throw new ArgumentOutOfRangeException(nameof(row), row, $"The table has {RowCount} rows.");
            if ((uint)column >= (uint)Columns.Count) throw new ArgumentOutOfRangeException(nameof(column), column, $"The table has {Columns.Count} columns.");
            return _cells[column][row];
        }
    }

    /// <summary>The cell at a 0-based row index in the named column.</summary>
    public string? this[int row, string column] => this[row, ColumnIndex(column)];

    /// <summary>Whether a column of this name exists (ordinal, case-sensitive).</summary>
    public bool HasColumn(string name) => _index.ContainsKey(name);

    /// <summary>The 0-based index of a column, or -1.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : -1;

    /// <summary>The 0-based index of a column; throws <see cref="ArgumentException"/> naming it when absent.</summary>
    public int ColumnIndex(string name) =>
        _index.TryGetValue(name, out var i)
            ? i
            : throw new ArgumentException($"Column '{name}' is not in the table (columns: {string.Join(", ", Columns.Take(20))}{(Columns.Count > 20 ? ", ..." : "")}).", nameof(name));

    /// <summary>All cells of one column, by row.</summary>
    public IReadOnlyList<string?> Column(int column) => _cells[column];

    /// <summary>All cells of the named column, by row.</summary>
    public IReadOnlyList<string?> Column(string name) => _cells[ColumnIndex(name)];

    /// <summary>A new table with the given 0-based rows, in the given order (repeats allowed).</summary>
    public CsvTable SelectRows(IEnumerable<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows as IReadOnlyList<int> ?? rows.ToList();
        foreach (var r in list)
        {
            if ((uint)r >= (uint)RowCount) throw new ArgumentOutOfRangeException(nameof(rows), r, $"Row index {r} is outside 0..{RowCount - 1}.");
        }
        var cells = new string?[Columns.Count][];
        for (var c = 0; c < Columns.Count; c++)
        {
            var source = _cells[c];
            var target = new string?[list.Count];
            for (var i = 0; i < list.Count; i++) target[i] = source[list[i]];
            cells[c] = target;
        }
        return new CsvTable(Columns, cells, list.Count, false);
    }

    /// <summary>Builds a table from rows of cells (already split), checking the same structure rules as parsing.</summary>
    public static CsvTable FromRows(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var errors = new List<DataError>();
        var names = CsvTableParser.CheckHeader(columns.ToArray(), errors, int.MaxValue);
        if (errors.Count > 0) throw new DataValidationException(errors);
        var builders = names.Select(_ => new CsvTableParser.ColumnBuilder()).ToArray();
        var count = 0;
        foreach (var row in rows)
        {
            count++;
            if (row.Count != names.Length)
            {
                errors.Add(new DataError(count, null, $"has {row.Count} fields; the header has {names.Length}"));
                continue;
            }
            for (var c = 0; c < names.Length; c++) builders[c].Add(row[c]);
        }
        if (errors.Count > 0) throw new DataValidationException(errors);
        return new CsvTable(names, builders.Select(b => b.ToArray()).ToArray(), count, false);
    }

    /// <summary>Builds a table from dictionaries (column name to cell); the columns are the union of the keys in first-seen order and absent keys are empty cells.</summary>
    public static CsvTable FromDictionaries(IReadOnlyList<IReadOnlyDictionary<string, string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            foreach (var key in row.Keys)
            {
                if (seen.Add(key)) columns.Add(key);
            }
        }
        return FromRows(columns, rows.Select(r => (IReadOnlyList<string?>)columns.Select(c => r.TryGetValue(c, out var v) ? v : null).ToArray()));
    }

    /// <summary>Reads a CSV file; see <see cref="Parse"/>.</summary>
    public static CsvTable Load(string path, CsvParseOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return Parse(stream, options);
    }

    /// <summary>
    /// Parses CSV text (UTF-8, a header row, then data rows) with CsvHelper, culture-invariant. Throws
    /// <see cref="DataValidationException"/> for binary or non-text content, an empty file, a missing header,
    /// empty or duplicate column names, rows whose field count differs from the header's, bad quoting, and
    /// files beyond the caps of <paramref name="options"/>. The stream is read once, never buffered whole.
    /// </summary>
    public static CsvTable Parse(Stream stream, CsvParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= CsvParseOptions.Default;
        CsvTableParser.CheckOptions(options);
        var head = new byte[8192];
        var headLength = CsvTableParser.ReadFully(stream, head);
        if (headLength == 0) throw new DataValidationException(new DataError(null, null, "the file is empty"));
        CsvTableParser.CheckLooksLikeText(head.AsSpan(0, headLength));
        using var limited = new CappedPrefixStream(head, headLength, stream, options.MaxBytes);
        try
        {
            return CsvTableParser.Parse(limited, options);
        }
        catch (CappedPrefixStream.CapExceededException)
        {
            throw new DataValidationException(new DataError(null, null,
                $"the file is larger than the limit of {options.MaxBytes} bytes (CsvParseOptions.MaxBytes)"));
        }
    }

    /// <summary>Writes the table as CSV (header, then rows; culture-invariant, quoted where needed).</summary>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true);
        csv.WriteRecord(Columns.ToArray());
        var record = new string[Columns.Count];
        for (var r = 0; r < RowCount; r++)
        {
            for (var c = 0; c < Columns.Count; c++) record[c] = _cells[c][r] ?? "";
            csv.WriteRecord(record);
        }
        csv.Flush();
    }

}
