using AIMass.Training.Data;

namespace AIMass.Cli.Csv;

/// <summary>Reads the CSV files a command is given, turning every problem into an input error that names the file.</summary>
public static class CsvInput
{
    /// <summary>Loads a CSV file (header row first).</summary>
    public static CsvTable Load(string path, string what)
    {
        if (!File.Exists(path)) throw CliException.Input($"The {what} file '{path}' does not exist.");
        try
        {
            return CsvTable.Load(path);
        }
        catch (DataValidationException e)
        {
            throw CliException.Input($"The {what} file '{path}' is not a valid CSV: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw CliException.Input($"The {what} file '{path}' cannot be read: {e.Message}", e);
        }
    }

    /// <summary>The table's rows as column-to-text dictionaries, leaving out <paramref name="except"/> (the target).</summary>
    public static Dictionary<string, string?>[] Rows(CsvTable table, string? except = null)
    {
        var columns = table.Columns.Select((name, index) => (name, index)).Where(c => c.name != except).ToArray();
        var rows = new Dictionary<string, string?>[table.RowCount];
        for (var r = 0; r < table.RowCount; r++)
        {
            var row = new Dictionary<string, string?>(columns.Length, StringComparer.Ordinal);
            foreach (var (name, index) in columns) row[name] = table[r, index];
            rows[r] = row;
        }
        return rows;
    }
}
