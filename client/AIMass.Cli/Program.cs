using System.Diagnostics;
using AIMass.Cli;

// `aimass`: the AIMass command line. Budgets count from here.
var clock = Stopwatch.StartNew();
return await new CliApp(CliEnvironment.ForProcess(clock)).RunAsync(args);
