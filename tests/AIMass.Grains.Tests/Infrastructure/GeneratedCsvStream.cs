using System.Text;

namespace AIMass.Grains.Tests.Infrastructure;

/// <summary>A CSV of <paramref name="rows"/> rows of <paramref name="line"/> after a header, produced as read; it counts what was read.</summary>
public sealed class GeneratedCsvStream(long rows, string header = "a,b\n", string line = "1,2\n") : Stream
{
    private readonly byte[] _header = Encoding.UTF8.GetBytes(header);
    private readonly byte[] _line = Encoding.UTF8.GetBytes(line);

    /// <summary>The whole stream's length.</summary>
    public long Total => _header.Length + rows * _line.Length;

    /// <summary>Bytes handed out so far.</summary>
    public long Served { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = 0;
        while (n < buffer.Length && Served < Total)
        {
            buffer[n++] = Served < _header.Length ? _header[Served] : _line[(Served - _header.Length) % _line.Length];
            Served++;
        }
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Served; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
