using System.Globalization;
using AIMass.Grains;
using AIMass.Grains.Datasets;
using AIMass.Web.Services;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace AIMass.Web.Apis.Uploads;

/// <summary>
/// Reads a data set upload from a <c>multipart/form-data</c> body section by section as it arrives (the
/// form is never buffered by the framework): the <c>file</c> part (CSV) streams to the tenant's staging area
/// with bytes and rows counted, and the request is refused (413 for bytes, 400 for rows) the moment a cap is
/// passed, leaving nothing staged; <c>id</c>, <c>name</c>, <c>target</c> and <c>image</c> (<c>CxHxW</c>) are
/// small text fields. When the form is refused after the file was staged, the staged file is deleted.
/// </summary>
public static class MultipartDatasetReader
{
    private const int MaxFieldBytes = 4096;
    private const long FormOverheadBytes = 1024 * 1024;

    public static async Task<DatasetUploadForm> ReadAsync(HttpRequest request, IDatasetStaging staging, string tenantId, UploadLimits limits, CancellationToken ct)
    {
        var maxFileBytes = limits.MaxBytes;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadHttpRequestException("Upload the CSV as multipart/form-data with a 'file' part.", StatusCodes.Status415UnsupportedMediaType);
        }
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) throw new BadHttpRequestException("The multipart body has no boundary.");

        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = maxFileBytes + FormOverheadBytes;

        var reader = new MultipartReader(boundary, request.Body);
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        StagedUpload? staged = null;
        string? fileName = null;
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    if (!name.Equals("file", StringComparison.OrdinalIgnoreCase)) continue;
                    fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "data.csv");
                    if (staged is not null) await staging.DeleteAsync(staged.Path, ct); // a later file part replaces an earlier one
                    staged = null;
                    staged = await staging.StageAsync(tenantId, section.Body, limits, ct: ct);
                }
                else if (disposition.IsFormDisposition())
                {
                    fields[name] = (await ReadFieldAsync(section.Body, name, ct)).Trim();
                }
            }
            if (staged is null)
            {
                throw ServiceException.Invalid("The upload has no file: send the CSV in a multipart part named 'file'.", [new FieldError(null, "file", "is required")]);
            }

            fileName = string.IsNullOrWhiteSpace(fileName) ? "data.csv" : fileName;
            var id = fields.GetValueOrDefault("id") is { Length: > 0 } given ? given : Slug.From(Path.GetFileNameWithoutExtension(fileName), "dataset");
            var upload = DatasetUpload.For(
                staged,
                name: fields.GetValueOrDefault("name") is { Length: > 0 } display ? display : fileName,
                fileName: fileName,
                target: fields.GetValueOrDefault("target") is { Length: > 0 } target ? target : null,
                image: fields.GetValueOrDefault("image") is { Length: > 0 } shape ? ParseShape(shape) : null);
            return new DatasetUploadForm(id, upload);
        }
        catch
        {
            if (staged is not null) await staging.DeleteAsync(staged.Path, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Parses <c>CxHxW</c> (for example <c>1x8x8</c>).</summary>
    public static ImageShape ParseShape(string text)
    {
        var parts = text.Split('x', 'X', '×');
        if (parts.Length == 3
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var c)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            && c > 0 && h > 0 && w > 0)
        {
            return new ImageShape(c, h, w);
        }
        throw ServiceException.Invalid($"Image shape '{text}' is not of the form CxHxW (for example 1x8x8).",
            [new FieldError(null, "image", "must be channels x height x width, such as 1x8x8")]);
    }

    private static async Task<string> ReadFieldAsync(Stream body, string name, CancellationToken ct)
    {
        using var reader = new StreamReader(body);
        var buffer = new char[MaxFieldBytes + 1];
        var length = await reader.ReadBlockAsync(buffer, ct);
        if (length > MaxFieldBytes)
        {
            throw ServiceException.Invalid($"Form field '{name}' is longer than {MaxFieldBytes} characters.", [new FieldError(null, name, "is too long")]);
        }
        return new string(buffer, 0, length);
    }
}
