namespace AIMass.Training.Data;

/// <summary>
/// A read-only stream that first replays bytes already read (the sniffed head of a file), then continues
/// with the source, and throws <see cref="CapExceededException"/> once more than a byte cap has been read.
/// </summary>
internal sealed class CappedPrefixStream : Stream
{
    private readonly byte[] _prefix;
    private readonly int _prefixLength;
    private readonly Stream _source;
    private readonly long _cap;
    private int _prefixPosition;
    private long _total;

    public CappedPrefixStream(byte[] prefix, int prefixLength, Stream source, long cap)
    {
        _prefix = prefix;
        _prefixLength = prefixLength;
        _source = source;
        _cap = cap;
    }

    /// <summary>Thrown when the stream has delivered more bytes than its cap.</summary>
    public sealed class CapExceededException : Exception
    {
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _total; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n;
        if (_prefixPosition < _prefixLength)
        {
            n = Math.Min(buffer.Length, _prefixLength - _prefixPosition);
            _prefix.AsSpan(_prefixPosition, n).CopyTo(buffer);
            _prefixPosition += n;
        }
        else
        {
            n = _source.Read(buffer);
        }
        _total += n;
        if (_total > _cap) throw new CapExceededException();
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
