using System.Text.Json.Nodes;

namespace AIMass.Bench.Infrastructure;

/// <summary><c>all</c>: runs every measuring suite in turn and gathers their objects under their names.</summary>
public sealed class AllSuites : IBenchSuite
{
    public string Name => "all";
    public string Description => "every suite below, one JSON object keyed by suite name";
    public bool IncludedInAll => false;

    public async Task<JsonObject> RunAsync(BenchContext context, CancellationToken ct)
    {
        var result = new JsonObject
        {
            ["machine"] = MachineInfo.Describe(),
            ["started_utc"] = DateTime.UtcNow.ToString("O"),
        };
        foreach (var suite in SuiteCatalog.All.Where(s => s.IncludedInAll))
        {
            ct.ThrowIfCancellationRequested();
            context.Log.WriteLine($"== {suite.Name} ==");
            try
            {
                result[suite.Name] = await suite.RunAsync(context, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                result[suite.Name] = new JsonObject { ["error"] = e.Message };
            }
        }
        return result;
    }
}
