using System.Text;

namespace AIMass.Client.Datasets;

/// <summary>Derives a valid data set id from a file name (<c>My Data (2).csv</c> becomes <c>My-Data-2</c>).</summary>
public static class DatasetIds
{
    /// <summary>The id the service would use for a file of this name when none is given.</summary>
    public static string FromFileName(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var stem = Path.GetFileNameWithoutExtension(fileName.Trim());
        var id = new StringBuilder(stem.Length);
        foreach (var c in stem)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') id.Append(c);
            else if (id.Length > 0 && id[^1] != '-') id.Append('-');
        }
        var text = id.ToString().Trim('-', '.', '_');
        if (text.Length > 64) text = text[..64].TrimEnd('-', '.', '_');
        if (text.Length == 0) throw new ArgumentException($"File name '{fileName}' gives no usable data set id: give one explicitly.", nameof(fileName));
        return text;
    }
}
