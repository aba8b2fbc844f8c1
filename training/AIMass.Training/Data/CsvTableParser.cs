using System.Globalization;
using CsvHelper;

namespace AIMass.Training.Data;

/// <summary>The parsing half of <see cref="CsvTable"/>: sniffing, CsvHelper reading, header and row checks.</summary>
internal static class CsvTableParser
{
    private const int InternLimit = 4096;

    public static CsvTable Parse(Stream input, CsvParseOptions options)
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

    /// <summary>The longest column name accepted (names travel in every schema, leaderboard and prediction).</summary>
    public const int MaxColumnNameLength = 200;

    public static string[] CheckHeader(string[] header, List<DataError> errors, int maxColumns)
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
            else if (names[i].Length > MaxColumnNameLength) errors.Add(new DataError(null, names[i][..40] + "…", $"column {i + 1}'s name has {names[i].Length} characters, more than {MaxColumnNameLength}"));
            else if (!seen.Add(names[i])) errors.Add(new DataError(null, names[i], $"the header names this column more than once (again at position {i + 1})"));
        }
        if (errors.Count == 0 && names.Length > 1 && names.All(n => CellValues.TryParseNumber(n, out _)))
        {
            errors.Add(new DataError(null, null, "the first row holds only numbers: the file has no header row"));
        }
        return names;
    }

    public static void CheckLooksLikeText(ReadOnlySpan<byte> head)
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

    public static void CheckOptions(CsvParseOptions options)
    {
        if (options.MaxRows <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.MaxRows, "CsvParseOptions.MaxRows must be positive.");
        if (options.MaxColumns <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.MaxColumns, "CsvParseOptions.MaxColumns must be positive.");
        if (options.MaxBytes <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.MaxBytes, "CsvParseOptions.MaxBytes must be positive.");
        if (options.MaxErrors <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.MaxErrors, "CsvParseOptions.MaxErrors must be positive.");
        if (options.Delimiter is { } d && (d > 127 || d == (char)34 || d == (char)10 || d == (char)13)) throw new ArgumentException($"CsvParseOptions.Delimiter must be an ASCII character other than a quote or a line break; got U+{(int)d:X4}.", nameof(options));
    }

    public static int ReadFully(Stream stream, byte[] buffer)
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

    /// <summary>Collects one column's cells, trimmed, empty as null, repeated values sharing one string.</summary>
    public sealed class ColumnBuilder
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
