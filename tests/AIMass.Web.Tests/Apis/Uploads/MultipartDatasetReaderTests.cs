using AIMass.Grains;
using AIMass.Grains.Datasets;
using AIMass.Web.Apis.Uploads;

namespace AIMass.Web.Tests.Apis.Uploads;

public sealed class MultipartDatasetReaderTests
{
    [Theory]
    [InlineData("1x8x8", 1, 8, 8)]
    [InlineData("3X32X32", 3, 32, 32)]
    public void Image_shapes_are_channels_by_height_by_width(string text, int c, int h, int w) =>
        Assert.Equal(new ImageShape(c, h, w), MultipartDatasetReader.ParseShape(text));

    [Theory]
    [InlineData("8x8")]
    [InlineData("0x8x8")]
    [InlineData("1x8xq")]
    public void Other_shapes_are_refused_naming_the_image_field(string text)
    {
        var e = Assert.Throws<ServiceException>(() => MultipartDatasetReader.ParseShape(text));
        Assert.Contains(e.Errors, x => x.Column == "image");
    }
}
