using System.Globalization;
using System.Text;
using System.Text.Json;
using AIMass.Grains;
using AIMass.Grains.Models;
using AIMass.Training.Data;
using Microsoft.Net.Http.Headers;

namespace AIMass.Web.Apis.Predictions;

/// <summary>
/// Reads prediction rows from JSON (<c>{"rows":[{"col":"value"}]}</c>; numbers and booleans are taken as their
/// text) or from CSV (<c>text/csv</c>, a header row then rows), and writes answers as JSON or, when the client
/// accepts <c>text/csv</c>, as CSV: one column named like the target, then one probability column per class.
/// </summary>
public static class PredictionIo
{
    /// <summary>The most bytes of a prediction request body.</summary>
    public const long MaxBodyBytes = 32L * 1024 * 1024;

    public static async Task<PredictionRequest> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var type = MediaTypeHeaderValue.TryParse(request.ContentType, out var media) ? media.MediaType.Value ?? "" : "";
        if (type.Equals("text/csv", StringComparison.OrdinalIgnoreCase)) return ReadCsv(await ReadBodyAsync(request, ct));
        if (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return ReadJson(await ReadBodyAsync(request, ct));
        }
        throw new BadHttpRequestException("Send rows as application/json ({\"rows\":[{\"column\":\"value\"}]}) or as text/csv.",
            StatusCodes.Status415UnsupportedMediaType);
    }

    /// <summary>
    /// Parses <c>{"rows":[{...}]}</c> token by token (no document is built), so a body of more than
    /// <see cref="ModelGrain.MaxRows"/> rows is refused at the first row past the limit; every error names the row
    /// (1-based) and column.
    /// </summary>
    public static PredictionRequest ReadJson(byte[] body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 8 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw RowsRequired();
            List<Dictionary<string, string?>>? rows = null;
            var errors = new List<FieldError>();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isRows = string.Equals(reader.GetString(), "rows", StringComparison.OrdinalIgnoreCase);
                reader.Read();
                if (!isRows)
                {
                    reader.Skip();
                    continue;
                }
                if (reader.TokenType != JsonTokenType.StartArray) throw RowsRequired();
                rows = ReadRows(ref reader, errors);
            }
            if (rows is null) throw RowsRequired();
            if (errors.Count > 0) throw ServiceException.Invalid($"{errors.Count} cell(s) could not be read: {errors[0]}", errors);
            return new PredictionRequest { Rows = rows.ToArray() };
        }
        catch (JsonException e)
        {
            throw ServiceException.Invalid($"The JSON body could not be read: {e.Message}", [new FieldError(null, "body", "is not valid JSON")]);
        }
    }

    private static List<Dictionary<string, string?>> ReadRows(ref Utf8JsonReader reader, List<FieldError> errors)
    {
        var rows = new List<Dictionary<string, string?>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var number = rows.Count + 1;
            if (number > ModelGrain.MaxRows)
            {
                throw ServiceException.Invalid($"More than {ModelGrain.MaxRows} rows in one call; the limit is {ModelGrain.MaxRows}.",
                    [new FieldError(null, "rows", $"more than {ModelGrain.MaxRows}")]);
            }
            var cells = new Dictionary<string, string?>(StringComparer.Ordinal);
            rows.Add(cells);
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add(new FieldError(number, null, "is not an object of column name to value"));
                reader.Skip();
                continue;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var column = reader.GetString()!;
                reader.Read();
                switch (reader.TokenType)
                {
                    case JsonTokenType.String: cells[column] = reader.GetString(); break;
                    case JsonTokenType.Number: cells[column] = Encoding.UTF8.GetString(reader.ValueSpan); break;
                    case JsonTokenType.True: cells[column] = "true"; break;
                    case JsonTokenType.False: cells[column] = "false"; break;
                    case JsonTokenType.Null: cells[column] = null; break;
                    default:
                        errors.Add(new FieldError(number, column, "must be a string, number, boolean or null"));
                        reader.Skip();
                        break;
                }
            }
        }
        return rows;
    }

    private static ServiceException RowsRequired() =>
        ServiceException.Invalid("The body needs a 'rows' array of objects (column name to value).", [new FieldError(null, "rows", "is required")]);

    /// <summary>Parses CSV rows (header first).</summary>
    public static PredictionRequest ReadCsv(byte[] body)
    {
        CsvTable table;
        try
        {
            table = CsvTable.Parse(new MemoryStream(body), new CsvParseOptions { MaxRows = 10_000 });
        }
        catch (DataValidationException e)
        {
            throw ServiceException.Invalid($"The CSV could not be read: {e.Message}", e.Errors.Select(x => new FieldError(x.Row, x.Column, x.Message)).ToArray());
        }
        var rows = new Dictionary<string, string?>[table.RowCount];
        for (var r = 0; r < table.RowCount; r++)
        {
            var cells = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var c = 0; c < table.Columns.Count; c++) cells[table.Columns[c]] = table[r, c];
            rows[r] = cells;
        }
        return new PredictionRequest { Rows = rows };
    }

    /// <summary>Whether the client asked for CSV (<c>Accept: text/csv</c>).</summary>
    public static bool WantsCsv(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));

    /// <summary>The answer as CSV: the target column, then <c>probability_{class}</c> columns for classification.</summary>
    public static string ToCsv(PredictionResponse response)
    {
        var classes = response.Rows.SelectMany(r => r.Probabilities?.Keys ?? Enumerable.Empty<string>()).Distinct(StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        text.Append(Quote(response.Target));
        foreach (var c in classes) text.Append(',').Append(Quote($"probability_{c}"));
        text.Append('\n');
        foreach (var row in response.Rows)
        {
            text.Append(Quote(row.Label ?? row.Value?.ToString("R", CultureInfo.InvariantCulture) ?? ""));
            foreach (var c in classes)
            {
                text.Append(',');
                if (row.Probabilities?.TryGetValue(c, out var p) == true) text.Append(p.ToString("R", CultureInfo.InvariantCulture));
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[65536];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new BadHttpRequestException($"The prediction request is larger than {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
