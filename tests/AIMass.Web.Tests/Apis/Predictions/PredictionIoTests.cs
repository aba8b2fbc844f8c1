using System.Text;
using AIMass.Grains;
using AIMass.Grains.Models;
using AIMass.Web.Apis.Predictions;

namespace AIMass.Web.Tests.Apis.Predictions;

public sealed class PredictionIoTests
{
    [Fact]
    public void Json_rows_take_numbers_and_booleans_as_their_text()
    {
        var request = PredictionIo.ReadJson(Encoding.UTF8.GetBytes("{\"Rows\":[{\"a\":5.10,\"b\":\"x\",\"c\":true,\"d\":null}]}"));
        var row = Assert.Single(request.Rows);
        Assert.Equal("5.10", row["a"]);
        Assert.Equal("x", row["b"]);
        Assert.Equal("true", row["c"]);
        Assert.Null(row["d"]);
    }

    [Fact]
    public void A_json_body_past_the_row_limit_is_refused_at_the_first_row_over_without_reading_the_rest()
    {
        Assert.Equal(ModelGrain.MaxRows, PredictionIo.ReadJson(Rows(ModelGrain.MaxRows)).Rows.Length);
        var over = Assert.Throws<ServiceException>(() => PredictionIo.ReadJson(Rows(ModelGrain.MaxRows + 1)));
        Assert.Contains(over.Errors, x => x.Column == "rows");

        // A million empty rows (about 3 MB): refused after 10,001 of them, allocating a small fraction of what a
        // document of the whole body would take.
        var huge = Rows(1_000_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<ServiceException>(() => PredictionIo.ReadJson(huge));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 8 << 20, $"allocated {allocated / 1024} KiB");
    }

    private static byte[] Rows(int count) => Encoding.UTF8.GetBytes("{\"rows\":[" + string.Join(",", Enumerable.Repeat("{}", count)) + "]}");

    [Fact]
    public void Json_errors_name_row_and_column()
    {
        var e = Assert.Throws<ServiceException>(() => PredictionIo.ReadJson(Encoding.UTF8.GetBytes("{\"rows\":[{\"a\":1},{\"a\":{}},7]}")));
        Assert.Equal(ServiceErrorKind.Invalid, e.Kind);
        Assert.Contains(e.Errors, x => x.Row == 2 && x.Column == "a");
        Assert.Contains(e.Errors, x => x.Row == 3 && x.Column is null);

        var notJson = Assert.Throws<ServiceException>(() => PredictionIo.ReadJson(Encoding.UTF8.GetBytes("{rows")));
        Assert.Contains(notJson.Errors, x => x.Column == "body");
        var noRows = Assert.Throws<ServiceException>(() => PredictionIo.ReadJson(Encoding.UTF8.GetBytes("[1,2]")));
        Assert.Contains(noRows.Errors, x => x.Column == "rows");
    }

    [Fact]
    public void Csv_rows_keep_their_order_and_columns()
    {
        var request = PredictionIo.ReadCsv(Encoding.UTF8.GetBytes("x,y\n1,a\n2,\"b, c\"\n"));
        Assert.Equal(2, request.Rows.Length);
        Assert.Equal("1", request.Rows[0]["x"]);
        Assert.Equal("b, c", request.Rows[1]["y"]);
    }

    [Fact]
    public void A_ragged_csv_is_refused_naming_the_row()
    {
        var e = Assert.Throws<ServiceException>(() => PredictionIo.ReadCsv(Encoding.UTF8.GetBytes("x,y\n1,2\n3\n")));
        Assert.Contains(e.Errors, x => x.Row == 2);
    }

    [Fact]
    public void Csv_answers_have_the_target_column_then_one_probability_column_per_class()
    {
        var response = new PredictionResponse
        {
            ModelId = "t/s/1", Target = "species", Task = "classification",
            Rows = [new PredictionRow("setosa", null, new() { ["setosa"] = 0.75, ["virginica"] = 0.25 }), new PredictionRow("a,b", null, new() { ["setosa"] = 0.5, ["virginica"] = 0.5 })],
        };
        Assert.Equal("species,probability_setosa,probability_virginica\nsetosa,0.75,0.25\n\"a,b\",0.5,0.5\n", PredictionIo.ToCsv(response));

        var regression = new PredictionResponse { ModelId = "t/s/2", Target = "y", Task = "regression", Rows = [new PredictionRow(null, 1.5, null)] };
        Assert.Equal("y\n1.5\n", PredictionIo.ToCsv(regression));
    }
}
