using System.Globalization;
using AIMass.Training.Data;
using static AIMass.Bench.Suites.MetaLearn.TaskGenerator;

namespace AIMass.Bench.Suites.MetaLearn;

/// <summary>
/// Small generated image sets stored as pixel columns (integers 0..16 like the bundled digits, channel-major): each
/// class is a prototype (random strokes, or a grating of its own orientation and frequency), each image the prototype
/// shifted by a few pixels, scaled in brightness and with Gaussian noise.
/// </summary>
internal static class GeneratedImages
{
    public static GeneratedTable Strokes(string id, Random r, int rows, ImageShape shape, int classes, double noise, int shift)
    {
        var prototypes = new double[classes][];
        for (var c = 0; c < classes; c++)
        {
            var p = new double[shape.Size];
            var colour = Enumerable.Range(0, shape.Channels).Select(_ => 0.4 + 0.6 * r.NextDouble()).ToArray();
            for (var stroke = 0; stroke < 2 + r.Next(2); stroke++)
            {
                double x0 = r.Next(shape.Width), y0 = r.Next(shape.Height), x1 = r.Next(shape.Width), y1 = r.Next(shape.Height);
                for (var t = 0.0; t <= 1.0; t += 0.05)
                {
                    var x = (int)Math.Round(x0 + t * (x1 - x0));
                    var y = (int)Math.Round(y0 + t * (y1 - y0));
                    for (var ch = 0; ch < shape.Channels; ch++) p[(ch * shape.Height + y) * shape.Width + x] = 16 * colour[ch];
                }
            }
            prototypes[c] = p;
        }
        return Images(id, r, rows, shape, classes, (c, dx, dy, ch, y, x) =>
        {
            var sx = x - dx;
            var sy = y - dy;
            return sx < 0 || sy < 0 || sx >= shape.Width || sy >= shape.Height ? 0 : prototypes[c][(ch * shape.Height + sy) * shape.Width + sx];
        }, noise, shift);
    }

    public static GeneratedTable Gratings(string id, Random r, int rows, ImageShape shape, int classes)
    {
        var angles = Enumerable.Range(0, classes).Select(c => Math.PI * c / classes + 0.2 * r.NextDouble()).ToArray();
        var frequencies = Enumerable.Range(0, classes).Select(_ => 0.6 + 0.8 * r.NextDouble()).ToArray();
        return Images(id, r, rows, shape, classes, (c, dx, dy, ch, y, x) =>
            8 + 8 * Math.Sin(frequencies[c] * ((x + dx) * Math.Cos(angles[c]) + (y + dy) * Math.Sin(angles[c]))),
            noise: 4.0, shift: 3);
    }

    private delegate double Pixel(int cls, int dx, int dy, int channel, int y, int x);

    private static GeneratedTable Images(string id, Random r, int rows, ImageShape shape, int classes, Pixel pixel, double noise, int shift)
    {
        var columns = new List<string>(shape.Size + 1);
        for (var ch = 0; ch < shape.Channels; ch++)
        for (var y = 0; y < shape.Height; y++)
        for (var x = 0; x < shape.Width; x++) columns.Add(shape.Channels == 1 ? $"pixel_{y}_{x}" : $"c{ch}_{y}_{x}");
        columns.Add("label");
        var data = new List<IReadOnlyList<string?>>(rows);
        for (var row = 0; row < rows; row++)
        {
            var c = r.Next(classes);
            var dx = r.Next(-shift, shift + 1);
            var dy = r.Next(-shift, shift + 1);
            var brightness = 0.7 + 0.6 * r.NextDouble();
            var cells = new string?[shape.Size + 1];
            var i = 0;
            for (var ch = 0; ch < shape.Channels; ch++)
            for (var y = 0; y < shape.Height; y++)
            for (var x = 0; x < shape.Width; x++)
            {
                var v = brightness * pixel(c, dx, dy, ch, y, x) + noise * Gaussian(r);
                cells[i++] = Math.Clamp((int)Math.Round(v), 0, 16).ToString(CultureInfo.InvariantCulture);
            }
            cells[i] = Label(c);
            data.Add(cells);
        }
        return new GeneratedTable(id, "classification", "label", AIMass.Training.Data.CsvTable.FromRows(columns, data), shape);
    }
}
