using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace AIMass.Web.Tests.Infrastructure;

/// <summary>A CSV body of <paramref name="rows"/> rows of <c>1,2</c>, produced as it is sent; it counts what was sent.</summary>
public sealed class GeneratedCsvContent : HttpContent
{
    private static readonly byte[] Header = "a,b\n"u8.ToArray();
    private static readonly byte[] Line = "1,2\n"u8.ToArray();
    private readonly long _rows;

    public GeneratedCsvContent(long rows)
    {
        _rows = rows;
        Headers.ContentType = new MediaTypeHeaderValue("text/csv");
    }

    /// <summary>The whole body's length.</summary>
    public long Total => Header.Length + _rows * Line.Length;

    /// <summary>Bytes handed to the connection so far.</summary>
    public long Sent { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(Header);
        Sent = Header.Length;
        var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("1,2\n", 16 * 1024)));
        for (var row = 0L; row < _rows; row += 16 * 1024)
        {
            var lines = (int)Math.Min(16 * 1024, _rows - row);
            await stream.WriteAsync(chunk.AsMemory(0, lines * Line.Length));
            Sent += lines * Line.Length;
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
