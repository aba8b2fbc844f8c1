namespace AIMass.Grains.Datasets.Staging;

/// <summary>
/// A read-only pass-through over an upload that counts bytes and CSV rows as they are read and throws the moment
/// either limit is passed, so that an oversized upload is never read to its end. Rows are non-empty lines ended
/// outside double quotes: a quoted field's line breaks do not count, so the count never exceeds the parser's.
/// </summary>
public sealed class UploadCountingStream(Stream inner, UploadLimits limits, IProgress<long>? progress = null) : Stream
{
    private bool _inQuotes;
    private bool _lineHasContent;
    private bool _ended;

    /// <summary>Bytes read so far.</summary>
    public long Bytes { get; private set; }

    /// <summary>Rows counted so far (the header included).</summary>
    public long Rows { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Bytes; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override int Read(Span<byte> buffer) => Count(buffer[..inner.Read(buffer)]);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Count(buffer.Span[..read]);
    }

    private int Count(ReadOnlySpan<byte> read)
    {
        if (read.IsEmpty)
        {
            if (!_ended && _lineHasContent) EndRow();
            _ended = true;
            return 0;
        }
        Bytes += read.Length;
        if (Bytes > limits.MaxBytes)
        {
            throw ServiceException.TooLarge($"The file is larger than the upload limit of {limits.MaxBytes} bytes ({limits.BytesLimitName}).");
        }
        foreach (var b in read)
        {
            if (b == (byte)'"')
            {
                _inQuotes = !_inQuotes;
                _lineHasContent = true;
            }
            else if (b == (byte)'\n' && !_inQuotes)
            {
                if (_lineHasContent) EndRow();
                _lineHasContent = false;
            }
            else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                _lineHasContent = true;
            }
        }
        progress?.Report(Bytes);
        return read.Length;
    }

    private void EndRow()
    {
        Rows++;
        if (Rows - 1 > limits.MaxRows)
        {
            throw ServiceException.Invalid(
                $"The CSV was refused: the file has more than {limits.MaxRows} data rows (the row limit of a data set).",
                [new FieldError(limits.MaxRows + 1, null, $"more than {limits.MaxRows} data rows")]);
        }
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
