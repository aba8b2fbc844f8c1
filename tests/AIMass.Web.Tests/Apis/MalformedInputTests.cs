using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using AIMass.Web.Tests.Infrastructure;

namespace AIMass.Web.Tests.Apis;

/// <summary>
/// A fuzz suite of malformed inputs across the endpoints (uploads, study specs, search spaces, scenarios, predictions,
/// keys): each is answered 4xx naming the field, row or column, and the tenant's state (as its API shows it) and its
/// artifact files are byte-identical before and after.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class MalformedInputTests(WebHostFixture host)
{
    public sealed record Case(string Name, HttpMethod Method, string Path, Func<HttpContent?> Body, HttpStatusCode Status, string Names);

    private const string Iris = "sepal_length,sepal_width,petal_length,petal_width,species\n";

    private static Func<HttpContent?> Json(string json) => () => new StringContent(json, Encoding.UTF8, "application/json");

    private static Func<HttpContent?> Study(string fields) =>
        Json($$"""{"id":"fuzz","datasetId":"iris","target":"species","budget":{"maxTrials":1},{{fields}}}""");

    private static Func<HttpContent?> Space(string space) => Study($"\"searchSpace\":{space}");

    private static Func<HttpContent?> Upload(string csv, params (string Name, string Value)[] fields) => () =>
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "fuzz.csv");
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        return form;
    };

    private static Func<HttpContent?> Csv(string csv) => () => new StringContent(csv, Encoding.UTF8, "text/csv");

    public static TheoryData<string> Cases() => new(All.Select(c => c.Name));

    private static readonly Case[] All =
    [
        // Uploads
        new("empty file", HttpMethod.Post, "/api/datasets", Upload(""), HttpStatusCode.BadRequest, "file"),
        new("ragged row", HttpMethod.Post, "/api/datasets", Upload("a,b\n1,2\n3\n"), HttpStatusCode.BadRequest, "row 2"),
        new("unknown target", HttpMethod.Post, "/api/datasets", Upload("a,b\n1,2\n3,4\n", ("target", "c")), HttpStatusCode.BadRequest, "target"),
        new("duplicate header", HttpMethod.Post, "/api/datasets", Upload("a,a\n1,2\n"), HttpStatusCode.BadRequest, "a"),
        new("overlong column name", HttpMethod.Post, "/api/datasets", Upload(new string('c', 300) + ",b\n1,2\n"), HttpStatusCode.BadRequest, "more than 200"),
        new("empty header name", HttpMethod.Post, "/api/datasets", Upload(",b\n1,2\n"), HttpStatusCode.BadRequest, "column"),
        new("bad id", HttpMethod.Post, "/api/datasets", Upload("a,b\n1,2\n", ("id", "../etc")), HttpStatusCode.BadRequest, "id"),
        new("overflowing image shape", HttpMethod.Post, "/api/datasets", Upload("a,b,c,d,y\n1,2,3,4,0\n1,2,3,4,1\n", ("image", "4x1073741825x1")), HttpStatusCode.BadRequest, "image"),
        new("unreadable image shape", HttpMethod.Post, "/api/datasets", Upload("a,b\n1,2\n", ("image", "abc")), HttpStatusCode.BadRequest, "image"),
        new("one row with a target", HttpMethod.Post, "/api/datasets", Upload("a,b\n1,2\n", ("target", "b")), HttpStatusCode.BadRequest, "2 rows"),
        new("no file part", HttpMethod.Post, "/api/datasets", () => new MultipartFormDataContent { { new StringContent("x"), "id" } }, HttpStatusCode.BadRequest, "file"),
        new("upload as JSON", HttpMethod.Post, "/api/datasets", Json("{}"), HttpStatusCode.UnsupportedMediaType, "Content-Type"),
        new("binary upload", HttpMethod.Post, "/api/datasets", () => new MultipartFormDataContent { { new ByteArrayContent([0, 1, 2, 0, 255, 254]), "file", "x.csv" } }, HttpStatusCode.BadRequest, "binary data"),
        new("upload over the row limit", HttpMethod.Post, "/api/datasets", Upload("a,b\n" + string.Concat(Enumerable.Repeat("1,2\n", WebHostFixture.MaxUploadRows + 1))), HttpStatusCode.BadRequest, "data rows"),
        new("upload over the size limit", HttpMethod.Post, "/api/datasets", Upload("a,b\n" + string.Concat(Enumerable.Repeat("1234567890,1234567890\n", 13_000))), HttpStatusCode.RequestEntityTooLarge, "bytes"),
        // Study specs
        new("missing dataset", HttpMethod.Post, "/api/studies", Json("""{"target":"species"}"""), HttpStatusCode.BadRequest, "datasetId"),
        new("unknown dataset", HttpMethod.Post, "/api/studies", Json("""{"datasetId":"nothing","target":"species"}"""), HttpStatusCode.NotFound, "nothing"),
        new("unknown target column", HttpMethod.Post, "/api/studies", Json("""{"datasetId":"iris","target":"colour"}"""), HttpStatusCode.BadRequest, "target"),
        new("unknown sampler", HttpMethod.Post, "/api/studies", Study("\"sampler\":\"magic\""), HttpStatusCode.BadRequest, "sampler"),
        new("unknown pruner", HttpMethod.Post, "/api/studies", Study("\"pruner\":\"magic\""), HttpStatusCode.BadRequest, "pruner"),
        new("zero parallelism", HttpMethod.Post, "/api/studies", Study("\"parallelism\":0"), HttpStatusCode.BadRequest, "parallelism"),
        new("too many epochs", HttpMethod.Post, "/api/studies", Study("\"maxEpochsPerTrial\":100000"), HttpStatusCode.BadRequest, "maxEpochsPerTrial"),
        new("unknown validation", HttpMethod.Post, "/api/studies", Study("\"validation\":\"guess\""), HttpStatusCode.BadRequest, "validation"),
        new("one fold", HttpMethod.Post, "/api/studies", Study("\"folds\":1"), HttpStatusCode.BadRequest, "folds"),
        new("negative trial budget", HttpMethod.Post, "/api/studies", Json("""{"datasetId":"iris","target":"species","budget":{"maxTrials":-1}}"""), HttpStatusCode.BadRequest, "budget.maxTrials"),
        new("unknown task", HttpMethod.Post, "/api/studies", Study("\"task\":\"clustering\""), HttpStatusCode.BadRequest, "task"),
        new("broken JSON", HttpMethod.Post, "/api/studies", Json("""{"datasetId":"iris","""), HttpStatusCode.BadRequest, "JSON"),
        new("wrong JSON type", HttpMethod.Post, "/api/studies", Study("\"parallelism\":\"many\""), HttpStatusCode.BadRequest, "parallelism"),
        new("bad study id", HttpMethod.Post, "/api/studies", Json("""{"id":"../etc","datasetId":"iris","target":"species"}"""), HttpStatusCode.BadRequest, "id"),
        new("unknown device", HttpMethod.Post, "/api/studies", Study("\"device\":\"tpu\""), HttpStatusCode.BadRequest, "device"),
        new("study spec as CSV", HttpMethod.Post, "/api/studies", Csv("a,b\n"), HttpStatusCode.UnsupportedMediaType, "Content-Type"),
        // Search spaces
        new("fixed epochs out of range", HttpMethod.Post, "/api/studies", Space("""{"fixed":{"family":"mlp","epochs":"100000000"}}"""), HttpStatusCode.BadRequest, "searchSpace.epochs"),
        new("negative batch size", HttpMethod.Post, "/api/studies", Space("""{"fixed":{"family":"mlp","batch_size":"-3"}}"""), HttpStatusCode.BadRequest, "searchSpace.batch_size"),
        new("unknown family", HttpMethod.Post, "/api/studies", Space("""{"fixed":{"family":"xgboost"}}"""), HttpStatusCode.BadRequest, "searchSpace.family"),
        new("unknown hyperparameter", HttpMethod.Post, "/api/studies", Space("""{"fixed":{"colour":"red"}}"""), HttpStatusCode.BadRequest, "searchSpace.colour"),
        new("reversed range", HttpMethod.Post, "/api/studies", Space("""{"parameters":[{"name":"lr","kind":"float","low":0.1,"high":0.01}]}"""), HttpStatusCode.BadRequest, "searchSpace.lr"),
        new("choice without choices", HttpMethod.Post, "/api/studies", Space("""{"parameters":[{"name":"optimizer","kind":"categorical","choices":[]}]}"""), HttpStatusCode.BadRequest, "searchSpace.optimizer"),
        new("log range from zero", HttpMethod.Post, "/api/studies", Space("""{"parameters":[{"name":"lr","kind":"float","low":0,"high":0.1,"log":true}]}"""), HttpStatusCode.BadRequest, "searchSpace.lr"),
        new("network over the tenant's limits", HttpMethod.Post, "/api/studies", Space("""{"fixed":{"family":"mlp","width":"8192","layers":"16"}}"""), HttpStatusCode.BadRequest, "searchSpace"),
        new("range past the trainer's bounds", HttpMethod.Post, "/api/studies", Space("""{"parameters":[{"name":"dropout","kind":"float","low":0.1,"high":3}],"fixed":{"family":"mlp"}}"""), HttpStatusCode.BadRequest, "searchSpace.dropout"),
        // Scenarios
        new("scenario without parameters", HttpMethod.Post, "/api/studies", Study("""  "scenarios":[{"name":"edge","maxParameters":0}]"""), HttpStatusCode.BadRequest, "scenarios.edge.maxParameters"),
        new("scenario twice", HttpMethod.Post, "/api/studies", Study("""  "scenarios":[{"name":"a"},{"name":"a"}]"""), HttpStatusCode.BadRequest, "scenarios.a"),
        new("scenario without a name", HttpMethod.Post, "/api/studies", Study("""  "scenarios":[{"name":""}]"""), HttpStatusCode.BadRequest, "scenarios"),
        new("negative latency", HttpMethod.Post, "/api/studies", Study("""  "scenarios":[{"name":"e","maxLatencyMs":-1}]"""), HttpStatusCode.BadRequest, "scenarios.e.maxLatencyMs"),
        new("scenario name with a path", HttpMethod.Post, "/api/studies", Study("""  "scenarios":[{"name":"../x"}]"""), HttpStatusCode.BadRequest, "scenarios"),
        new("too many scenarios", HttpMethod.Post, "/api/studies", Study("\"scenarios\":[" + string.Join(",", Enumerable.Range(0, 17).Select(i => $$"""{"name":"s{{i}}"}""")) + "]"), HttpStatusCode.BadRequest, "scenarios"),
        // Predictions
        new("no rows", HttpMethod.Post, "/api/studies/quick/predict", Json("""{"rows":[]}"""), HttpStatusCode.BadRequest, "rows"),
        new("rows not a list", HttpMethod.Post, "/api/studies/quick/predict", Json("""{"rows":5}"""), HttpStatusCode.BadRequest, "rows"),
        new("missing column", HttpMethod.Post, "/api/studies/quick/predict", Json("""{"rows":[{"sepal_length":"5.1"}]}"""), HttpStatusCode.BadRequest, "sepal_width"),
        new("ragged CSV rows", HttpMethod.Post, "/api/studies/quick/predict", Csv(Iris + "5.1,3.5\n"), HttpStatusCode.BadRequest, "row 1"),
        new("10,001 rows", HttpMethod.Post, "/api/studies/quick/predict", Json("{\"rows\":[" + string.Join(",", Enumerable.Repeat("{}", 10_001)) + "]}"), HttpStatusCode.BadRequest, "10000"),
        new("unknown scenario", HttpMethod.Post, "/api/studies/quick/predict?scenario=nothing", Json("""{"rows":[{"sepal_length":"5.1"}]}"""), HttpStatusCode.NotFound, "nothing"),
        new("prediction as XML", HttpMethod.Post, "/api/studies/quick/predict", () => new StringContent("<rows/>", Encoding.UTF8, "application/xml"), HttpStatusCode.UnsupportedMediaType, "Content-Type"),
        // Keys
        new("overlong key label", HttpMethod.Post, "/api/tenants/lab/keys", Json("{\"label\":\"" + new string('x', 500) + "\"}"), HttpStatusCode.BadRequest, "label"),
        new("revoke an unknown key", HttpMethod.Delete, "/api/tenants/lab/keys/00000000", () => null, HttpStatusCode.NotFound, "00000000"),
        new("rotate an unknown key", HttpMethod.Post, "/api/tenants/lab/keys/00000000/rotate", () => null, HttpStatusCode.NotFound, "00000000"),
        new("another tenant's keys", HttpMethod.Post, "/api/tenants/throttled/keys", Json("""{"label":"x"}"""), HttpStatusCode.Forbidden, "another tenant"),
    ];

    [Fact]
    public void The_suite_has_at_least_40_cases_with_distinct_names()
    {
        Assert.True(All.Length >= 40, $"{All.Length} cases");
        Assert.Equal(All.Length, All.Select(c => c.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_malformed_input_gets_a_4xx_naming_what_is_wrong_and_changes_nothing(string name)
    {
        var test = All.Single(c => c.Name == name);
        var study = await host.CompletedStudyAsync();
        using var client = host.As(study.Key);
        var before = await SnapshotAsync(client);

        using var request = new HttpRequestMessage(test.Method, test.Path) { Content = test.Body() };
        using var response = await client.SendAsync(request);
        var problem = await ApiAssert.ProblemAsync(response, test.Status);
        var said = problem.Detail + " " + string.Join(" ", problem.Errors.Select(e => $"row {e.Row} {e.Column} {e.Message}"));
        Assert.True(said.Contains(test.Names, StringComparison.Ordinal), $"'{test.Names}' not named in: {said}");

        Assert.Equal(before, await SnapshotAsync(client));
    }

    /// <summary>The tenant as its API shows it, and a hash of every artifact file of the tenant (its staging area included).</summary>
    private async Task<string> SnapshotAsync(HttpClient client)
    {
        var text = new StringBuilder();
        foreach (var path in new[] { "/api/me", "/api/datasets", "/api/studies" }) text.Append(await client.GetStringAsync(path)).Append('\n');
        var artifacts = Path.Combine(host.Factory.DataDirectory, "artifacts");
        foreach (var folder in new[] { Path.Combine(artifacts, "tenants", "lab"), Path.Combine(artifacts, "staging", "lab") }.Where(Directory.Exists))
        {
            foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                text.Append(Path.GetRelativePath(artifacts, file)).Append(' ').Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)))).Append('\n');
            }
        }
        return text.ToString();
    }
}
