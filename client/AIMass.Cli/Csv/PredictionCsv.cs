using System.Globalization;
using System.Text;
using AIMass.Grains.Models;

namespace AIMass.Cli.Csv;

/// <summary>Writes predictions as a CSV of one column named like the target, one row per input row, in order.</summary>
public static class PredictionCsv
{
    public static void Write(string path, string target, IReadOnlyList<PredictionRow> rows)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder)) throw CliException.Input($"The folder of the output file '{path}' does not exist.");
        var text = new StringBuilder();
        text.Append(Escape(target)).Append('\n');
        foreach (var row in rows) text.Append(Escape(Cell(row))).Append('\n');
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The label of a classification, or the value of a regression (round-trip precision).</summary>
    public static string Cell(PredictionRow row) =>
        row.Label ?? row.Value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Escape(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 || cell != cell.Trim() ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
