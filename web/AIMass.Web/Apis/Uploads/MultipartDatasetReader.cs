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
/// form is never buffered by the framework): the <c>file</c> part (CSV) is copied up to the size cap and
/// the request is refused with 413 the moment the cap is passed; <c>id</c>, <c>name</c>, <c>target</c> and
/// <c>image</c> (<c>CxHxW</c>) are small text fields.
/// </summary>
public static class MultipartDatasetReader
{
    private const int MaxFieldBytes = 4096;
    private const long FormOverheadBytes = 1024 * 1024;

    public static async Task<DatasetUploadForm> ReadAsync(HttpRequest request, long maxFileBytes, CancellationToken ct)
    {
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
        byte[]? content = null;
        string? fileName = null;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (disposition.IsFileDisposition())
            {
                if (!name.Equals("file", StringComparison.OrdinalIgnoreCase)) continue;
                fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "data.csv");
                content = await ReadCappedAsync(section.Body, maxFileBytes, ct);
            }
            else if (disposition.IsFormDisposition())
            {
                fields[name] = (await ReadFieldAsync(section.Body, name, ct)).Trim();
            }
        }
        if (content is null)
        {
            throw ServiceException.Invalid("The upload has no file: send the CSV in a multipart part named 'file'.", [new FieldError(null, "file", "is required")]);
        }

        fileName = string.IsNullOrWhiteSpace(fileName) ? "data.csv" : fileName;
        var id = fields.GetValueOrDefault("id") is { Length: > 0 } given ? given : Slug.From(Path.GetFileNameWithoutExtension(fileName), "dataset");
        var upload = new DatasetUpload
        {
            Name = fields.GetValueOrDefault("name") is { Length: > 0 } display ? display : fileName,
            FileName = fileName,
            Content = content,
            Target = fields.GetValueOrDefault("target") is { Length: > 0 } target ? target : null,
            Image = fields.GetValueOrDefault("image") is { Length: > 0 } shape ? ParseShape(shape) : null,
        };
        return new DatasetUploadForm(id, upload);
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

    private static async Task<byte[]> ReadCappedAsync(Stream body, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new BadHttpRequestException(
                    $"The file is larger than the upload limit of {maxBytes} bytes (AIMass:Web:MaxUploadBytes).", StatusCodes.Status413PayloadTooLarge);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
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
