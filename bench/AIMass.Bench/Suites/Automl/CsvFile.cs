using System.Text;

namespace AIMass.Bench.Suites.Automl;

/// <summary>
/// A small RFC 4180 reader for scoring, independent of the product's CSV parser: comma-separated, fields optionally
/// in double quotes (<c>""</c> for a quote; commas and line breaks allowed inside), CRLF or LF line ends, a final
/// line break optional, a UTF-8 byte-order mark ignored. Every line is a record, an empty one included: in a
/// one-column file an empty line is an empty value, not something to skip. Field text is kept as written (callers
/// trim); every record must have as many fields as the header.
/// </summary>
internal sealed class CsvFile
{
    private readonly string[] _header;

    private CsvFile(string path, string[] header, List<string[]> rows)
    {
        Path = path;
        _header = header;
        Rows = rows;
    }

    public string Path { get; }

    /// <summary>The column names, trimmed.</summary>
    public IReadOnlyList<string> Header => _header;

    /// <summary>The data rows (header excluded), in file order.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>The cells of a column (ordinal name match), in row order.</summary>
    public string[] Column(string name)
    {
        var index = Array.IndexOf(_header, name);
        if (index < 0) throw new FormatException($"'{Path}' has no column '{name}' (columns: {string.Join(", ", Header)}).");
        return Rows.Select(r => r[index]).ToArray();
    }

    public static CsvFile Read(string path)
    {
        var records = Parse(File.ReadAllText(path, Encoding.UTF8), path);
        if (records.Count == 0) throw new FormatException($"'{path}' is empty: no header row.");
        var header = records[0].Select(h => h.Trim()).ToArray();
        var rows = records.Skip(1).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != header.Length)
            {
                throw new FormatException($"'{path}' record {i + 2} has {rows[i].Length} fields; the header has {header.Length}.");
            }
        }
        return new CsvFile(path, header, rows);
    }

    internal static List<string[]> Parse(string text, string name)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        var n = text.Length;
        while (i < n)
        {
            fields.Clear();
            while (true)
            {
                field.Clear();
                if (i < n && text[i] == '"')
                {
                    i++;
                    while (true)
                    {
                        if (i >= n) throw new FormatException($"'{name}' record {records.Count + 1}: a quoted field is never closed.");
                        if (text[i] == '"')
                        {
                            if (i + 1 < n && text[i + 1] == '"')
                            {
                                field.Append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        field.Append(text[i++]);
                    }
                }
                else
                {
                    while (i < n && text[i] is not (',' or '\n' or '\r')) field.Append(text[i++]);
                }
                fields.Add(field.ToString());
                if (i >= n) break;
                if (text[i] == ',')
                {
                    i++;
                    continue;
                }
                if (text[i] == '\r')
                {
                    i++;
                    if (i < n && text[i] == '\n') i++;
                    break;
                }
                if (text[i] == '\n')
                {
                    i++;
                    break;
                }
                throw new FormatException($"'{name}' record {records.Count + 1}: text after a closing quote.");
            }
            records.Add(fields.ToArray());
        }
        return records;
    }
}
