using AIMass.Bench.Infrastructure;

// dotnet run --project bench/AIMass.Bench -c Release -- SUITE [suite arguments] [--json]
AIMass.Training.Runtime.ConvolutionIsaGuard.Apply(); // before anything can create a convolution (see its summary)
var json = args.Contains("--json");
var rest = args.Where(a => a != "--json").ToList();
if (rest.Count == 0 || rest[0] is "-h" or "--help" or "list")
{
    Console.WriteLine("usage: AIMass.Bench SUITE [arguments] [--json]");
    foreach (var s in SuiteCatalog.All) Console.WriteLine($"  {s.Name,-10} {s.Description}");
    return rest.Count == 0 ? 1 : 0;
}

var suite = SuiteCatalog.Find(rest[0]);
if (suite is null)
{
    Console.Error.WriteLine($"unknown suite '{rest[0]}'; known: {string.Join(", ", SuiteCatalog.All.Select(s => s.Name))}");
    return 1;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
var log = json ? Console.Error : Console.Out;
var context = new BenchContext(rest.Skip(1).ToArray(), json, log, RepositoryRoot.Locate());
var report = await suite.RunAsync(context, cts.Token);
report["suite"] ??= suite.Name;
if (json) ReportPrinter.PrintJson(Console.Out, report);
else ReportPrinter.PrintTable(Console.Out, report);
return 0;
