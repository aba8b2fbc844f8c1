using System.Diagnostics;
using AIMass.Cli;

// `aimass`: the AIMass command line. Budgets count from here.
AIMass.Training.Runtime.ConvolutionIsaGuard.Apply(); // before anything can create a convolution (see its summary)
var clock = Stopwatch.StartNew();
return await new CliApp(CliEnvironment.ForProcess(clock)).RunAsync(args);

/// <summary>The command line's entry point (internal: the web host's <c>Program</c> is the only public one in the tests' references).</summary>
internal partial class Program;
