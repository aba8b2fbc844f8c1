using System.Security.Cryptography;
using AIMass.Training;
using AIMass.Training.Data;

namespace AIMass.Grains.Datasets;

/// <summary>
/// Validates an uploaded CSV with the training library (structure, numeric columns, target, image shape)
/// and infers its schema. CPU work: grains call it off their turn. Errors become a
/// <see cref="ServiceException"/> whose errors name row and column.
/// </summary>
public static class DatasetIngestion
{
    public static IngestedDataset Ingest(byte[] content, string? target, ImageShape? image, long maxBytes)
    {
        if (content.Length == 0) throw ServiceException.Invalid("The upload is empty.", [new FieldError(null, null, "the file has no bytes")]);
        if (content.Length > maxBytes)
        {
            throw ServiceException.Invalid($"The upload has {content.Length} bytes; the limit is {maxBytes}.", [new FieldError(null, null, "file too large")]);
        }
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            var table = CsvTable.Parse(stream, new CsvParseOptions { MaxBytes = maxBytes, MaxRows = UploadLimits.MaxDataRows });
            DatasetValidator.Validate(table, target);
            if (target is not null && table.RowCount < 2)
            {
                throw ServiceException.Invalid($"The CSV has {table.RowCount} row; a data set with a target needs at least 2.", [new FieldError(null, null, "at least 2 rows needed with a target")]);
            }
            var schema = SchemaInference.Infer(table, target);
            CheckImage(schema, image, target);
            var columns = schema.Columns.Select(c => new ColumnInfo
            {
                Name = c.Name,
                Kind = c.Kind.ToString().ToLowerInvariant(),
                Missing = c.MissingCount,
                Distinct = c.DistinctCount,
                Min = c.Min,
                Max = c.Max,
                Mean = c.Mean,
                DropReason = c.DropReason,
                TaskAsTarget = TaskOf(table, c),
            }).ToArray();
            return new IngestedDataset(columns, table.RowCount, table.Columns.Count, Convert.ToHexStringLower(SHA256.HashData(content)));
        }
        catch (DataValidationException e)
        {
            var errors = e.Errors.Select(x => new FieldError(x.Row, x.Column, x.Message)).ToArray();
            throw ServiceException.Invalid($"The CSV was refused: {e.Message}", errors);
        }
    }

    private static string? TaskOf(CsvTable table, ColumnSchema column)
    {
        if (column.MissingCount >= table.RowCount) return null;
        try
        {
            return TaskDetector.Detect(table, column.Name) == TaskKind.Regression ? "regression" : "classification";
        }
        catch (Exception e) when (e is ArgumentException or DataValidationException)
        {
            return null;
        }
    }

    private const int MaxImageChannels = 4;
    private const int MaxImageSide = 4096;
    private const long MaxImagePixels = 1_000_000;

    private static void CheckImage(TableSchema schema, ImageShape? image, string? target)
    {
        if (image is null) return;
        if (image.Channels < 1 || image.Height < 1 || image.Width < 1)
        {
            throw ServiceException.Invalid($"Image shape {image} is invalid: channels, height and width must be positive.", [new FieldError(null, "image", "non-positive dimension")]);
        }
        // Checked in 64 bits: 4x1073741825x1 must not wrap around to 4 pixels.
        if (image.Channels > MaxImageChannels || image.Height > MaxImageSide || image.Width > MaxImageSide
            || (long)image.Channels * image.Height * image.Width > MaxImagePixels)
        {
            throw ServiceException.Invalid(
                $"Image shape {image} is too large: at most {MaxImageChannels} channels, {MaxImageSide} pixels a side and {MaxImagePixels:N0} values an image.",
                [new FieldError(null, "image", "too large")]);
        }
        var pixels = schema.Columns.Where(c => c.Name != target).ToList();
        if (target is null && pixels.Count == image.Pixels + 1) return; // the target is not named yet: one extra column is allowed
        if (pixels.Count != image.Pixels)
        {
            throw ServiceException.Invalid(
                $"Image shape {image} needs {image.Pixels} pixel columns, but the file has {pixels.Count} columns besides the target.",
                [new FieldError(null, "image", $"{image.Pixels} pixel columns expected, {pixels.Count} found")]);
        }
        var text = pixels.FirstOrDefault(c => c.Kind is not (ColumnKind.Numeric or ColumnKind.Constant));
        if (text is not null)
        {
            throw ServiceException.Invalid($"Pixel column '{text.Name}' is {text.Kind}, not numeric.", [new FieldError(null, text.Name, "pixel values must be numbers")]);
        }
    }
}
