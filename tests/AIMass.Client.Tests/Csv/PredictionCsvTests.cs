using AIMass.Cli;
using AIMass.Cli.Csv;
using AIMass.Client.Tests.Infrastructure;
using AIMass.Grains.Models;

namespace AIMass.Client.Tests.Csv;

public sealed class PredictionCsvTests
{
    [Fact]
    public void One_column_named_like_the_target_one_row_per_prediction_quoted_where_needed()
    {
        var folder = TestPaths.NewTemporaryFolder();
        var path = Path.Combine(folder, "out.csv");
        PredictionCsv.Write(path, "kind, or \"type\"", [new("cat", null, null), new("a,b", null, null), new(null, 0.1 + 0.2, null), new(null, null, null)]);
        Assert.Equal(["\"kind, or \"\"type\"\"\"", "cat", "\"a,b\"", "0.30000000000000004", ""], File.ReadAllLines(path));
        Assert.False(File.Exists(path + ".tmp"));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void A_missing_output_folder_is_an_input_error()
    {
        var error = Assert.Throws<CliException>(() => PredictionCsv.Write(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "out.csv"), "y", []));
        Assert.Equal(ExitCodes.Input, error.ExitCode);
    }
}
