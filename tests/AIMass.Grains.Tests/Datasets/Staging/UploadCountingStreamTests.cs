using System.Text;
using AIMass.Grains.Datasets;
using AIMass.Grains.Datasets.Staging;
using AIMass.Grains.Tests.Infrastructure;

namespace AIMass.Grains.Tests.Datasets.Staging;

public sealed class UploadCountingStreamTests
{
    private static readonly UploadLimits Roomy = new(1 << 20, "test bytes", 1000);

    private static async Task<UploadCountingStream> DrainAsync(string csv, UploadLimits limits)
    {
        var counted = new UploadCountingStream(new MemoryStream(Encoding.UTF8.GetBytes(csv)), limits);
        await counted.CopyToAsync(Stream.Null);
        return counted;
    }

    [Theory]
    [InlineData("a,b\n1,2\n3,4\n", 3)]
    [InlineData("a,b\r\n1,2\r\n3,4", 3)]
    [InlineData("a,b\n\n1,2\n   \n3,4\n\n", 3)]
    [InlineData("a,b\n\"x\ny\",2\n\"q\"\"\n\",4\n", 3)]
    public async Task Rows_are_non_empty_lines_ended_outside_quotes(string csv, int rows)
    {
        var counted = await DrainAsync(csv, Roomy);
        Assert.Equal(rows, counted.Rows);
        Assert.Equal(Encoding.UTF8.GetByteCount(csv), counted.Bytes);
    }

    [Fact]
    public async Task Passing_the_byte_cap_stops_reading_and_names_the_limit()
    {
        var source = new GeneratedCsvStream(rows: 10_000_000);
        var counted = new UploadCountingStream(source, new UploadLimits(64 * 1024, "Test:MaxBytes", UploadLimits.MaxDataRows));

        var e = await Assert.ThrowsAsync<ServiceException>(() => counted.CopyToAsync(Stream.Null));

        Assert.Equal(ServiceErrorKind.TooLarge, e.Kind);
        Assert.Contains("65536 bytes (Test:MaxBytes)", e.Message);
        Assert.True(source.Served < 64 * 1024 + 256 * 1024, $"{source.Served} of {source.Total} bytes were read");
    }

    [Fact]
    public async Task Passing_the_row_cap_is_refused_naming_the_row()
    {
        var source = new GeneratedCsvStream(rows: 1_000_000);
        var counted = new UploadCountingStream(source, new UploadLimits(long.MaxValue, "bytes", 100));

        var e = await Assert.ThrowsAsync<ServiceException>(() => counted.CopyToAsync(Stream.Null));

        Assert.Equal(ServiceErrorKind.Invalid, e.Kind);
        Assert.Contains("more than 100 data rows", e.Message);
        Assert.Equal(101, Assert.Single(e.Errors).Row);
        Assert.True(source.Served < source.Total / 2, $"{source.Served} of {source.Total} bytes were read");
    }

    [Fact]
    public async Task Exactly_the_caps_pass()
    {
        var csv = "a,b\n" + string.Concat(Enumerable.Repeat("1,2\n", 100));
        var counted = await DrainAsync(csv, new UploadLimits(Encoding.UTF8.GetByteCount(csv), "bytes", 100));
        Assert.Equal(101, counted.Rows);
    }
}
