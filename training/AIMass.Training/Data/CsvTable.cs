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
    private const int InternLimit = 4096;
    private readonly string?[][] _cells;
    private readonly Dictionary<string, int> _index;

    private CsvTable(IReadOnlyList<string> columns, string?[][] cells, int rowCount, bool truncated)
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
        var names = CheckHeader(columns.ToArray(), errors, int.MaxValue);
        if (errors.Count > 0) throw new DataValidationException(errors);
        var builders = names.Select(_ => new ColumnBuilder()).ToArray();
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
        CheckOptions(options);
        var head = new byte[8192];
        var headLength = ReadFully(stream, head);
        if (headLength == 0) throw new DataValidationException(new DataError(null, null, "the file is empty"));
        CheckLooksLikeText(head.AsSpan(0, headLength));
        using var limited = new CappedPrefixStream(head, headLength, stream, options.MaxBytes);
        try
        {
            return ParseText(limited, options);
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

    private static CsvTable ParseText(Stream input, CsvParseOptions options)
    {
        var errors = new List<DataError>();
        var readerOptions = CsvReaderOptions.Default with
        {
            Separator = options.Delimiter,
            HasHeader = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MalformedData = CsvMalformedDataHandling.Recover,
            FormatProvider = CultureInfo.InvariantCulture,
            PoolStrings = true,
            MaxRecordSize = 64 << 20,
            OnMalformedRecord = record =>
            {
                if (errors.Count < options.MaxErrors &&
                    record.Reason is CsvMalformedReason.UnterminatedQuote or CsvMalformedReason.LineBreakInQuotes)
                {
                    var row = record.RecordNumber > 1 ? (int?)(record.RecordNumber - 1) : null;
                    errors.Add(new DataError(row, null, row is null
                        ? $"the header has a quote that is never closed"
                        : $"a quoted field is never closed ({record.Reason})"));
                }
            },
        };
        using var reader = CsvReader.Create(input, readerOptions, leaveOpen: true);
        string[] header;
        try
        {
            header = reader.Headers.ToArray();
        }
        catch (CsvFormatException e)
        {
            throw new DataValidationException(new DataError(null, null, $"the header row cannot be read: {e.Message}"));
        }
        if (header.Length == 0 || header.All(string.IsNullOrWhiteSpace))
        {
            throw new DataValidationException(new DataError(null, null, "the file has no header row"));
        }
        var names = CheckHeader(header, errors, options.MaxColumns);
        if (errors.Count > 0) throw new DataValidationException(errors);
        var builders = names.Select(_ => new ColumnBuilder()).ToArray();
        var truncated = false;
        var dataRow = 0;
        try
        {
            while (reader.Read())
            {
                if (dataRow >= options.MaxRows)
                {
                    if (options.TruncateAtMaxRows)
                    {
                        truncated = true;
                        break;
                    }
                    throw new DataValidationException(new DataError(null, null,
                        $"the file has more than {options.MaxRows} data rows (CsvParseOptions.MaxRows)"));
                }
                dataRow++;
                var fields = reader.FieldCount;
                if (fields != names.Length)
                {
                    errors.Add(new DataError(dataRow, null, $"has {fields} fields; the header has {names.Length}"));
                    if (errors.Count >= options.MaxErrors) break;
                    continue;
                }
                for (var c = 0; c < fields; c++) builders[c].Add(reader.GetString(c));
                if (errors.Count >= options.MaxErrors) break;
            }
        }
        catch (CsvFormatException e)
        {
            var row = e.RecordNumber > 1 ? (int?)(e.RecordNumber - 1) : null;
            errors.Add(new DataError(row, null, e.Message));
        }
        if (errors.Count > 0) throw new DataValidationException(errors);
        if (dataRow == 0) throw new DataValidationException(new DataError(null, null, "the file has a header but no data rows"));
        return new CsvTable(names, builders.Select(b => b.ToArray()).ToArray(), dataRow, truncated);
    }

    private static string[] CheckHeader(string[] header, List<DataError> errors, int maxColumns)
    {
        if (header.Length > maxColumns)
        {
            errors.Add(new DataError(null, null, $"the file has {header.Length} columns, more than the limit of {maxColumns} (CsvParseOptions.MaxColumns)"));
            return header;
        }
        var names = header.Select(h => (h ?? "").Trim()).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i].Length == 0) errors.Add(new DataError(null, null, $"column {i + 1} of the header has an empty name"));
            else if (!seen.Add(names[i])) errors.Add(new DataError(null, names[i], $"the header names this column more than once (again at position {i + 1})"));
        }
        if (errors.Count == 0 && names.Length > 1 && names.All(n => CellValues.TryParseNumber(n, out _)))
        {
            errors.Add(new DataError(null, null, "the first row holds only numbers: the file has no header row"));
        }
        return names;
    }

    private static void CheckLooksLikeText(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B) throw NotText("it is gzip-compressed");
        if (head.Length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4) throw NotText("it is a zip archive");
        if (head.Length >= 4 && head[0] == 0x89 && head[1] == (byte)'P' && head[2] == (byte)'N' && head[3] == (byte)'G') throw NotText("it is a PNG image");
        if (head.Length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))) throw NotText("it is UTF-16 text; save it as UTF-8");
        var control = 0;
        for (var i = 0; i < head.Length; i++)
        {
            var b = head[i];
            if (b == 0) throw NotText($"it holds binary data (a NUL byte at offset {i})");
            if (b < 0x20 && b != (byte)'\t' && b != (byte)'\n' && b != (byte)'\r' && b != 0x0C) control++;
        }
        if (control > head.Length / 100 + 1) throw NotText("it holds binary data (control bytes)");
    }

    private static DataValidationException NotText(string why) =>
        new(new DataError(null, null, $"the content is not CSV text: {why}"));

    private static void CheckOptions(CsvParseOptions options)
    {
        if (options.MaxRows <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.MaxRows, "CsvParseOptions.MaxRows must be positive.");
        if (options.MaxColumns <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.MaxColumns, "CsvParseOptions.MaxColumns must be positive.");
        if (options.MaxBytes <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.MaxBytes, "CsvParseOptions.MaxBytes must be positive.");
        if (options.MaxErrors <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.MaxErrors, "CsvParseOptions.MaxErrors must be positive.");
        if (options.Delimiter is { } d && (d > 127 || d == (char)34 || d == (char)10 || d == (char)13)) throw new ArgumentException($"CsvParseOptions.Delimiter must be an ASCII character other than a quote or a line break; got U+{(int)d:X4}.", nameof(options));
    }

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer, total, buffer.Length - total);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "...";

    private sealed class ColumnBuilder
    {
        private readonly List<string?> _values = new();
        private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);

        public void Add(string? raw)
        {
            if (string.IsNullOrEmpty(raw))
            {
                _values.Add(null);
                return;
            }
            var text = raw.Trim();
            if (text.Length == 0)
            {
                _values.Add(null);
                return;
            }
            if (_pool.TryGetValue(text, out var shared))
            {
                _values.Add(shared);
                return;
            }
            if (_pool.Count < InternLimit) _pool[text] = text;
            _values.Add(text);
        }

        public string?[] ToArray() => _values.ToArray();
    }
}
