using AIMass.Silo.Hosting;
using Microsoft.Extensions.Hosting;

// A standalone silo: `dotnet run --project silo/AIMass.Silo` (configuration in the AIMass section).
AIMass.Training.Runtime.ConvolutionIsaGuard.Apply(); // before anything can create a convolution (see its summary)
AIMass.Silo.Storage.PrivateFiles.RestrictProcess(); // data, keys, models: the service user's only (0700 folders, 0600 files)
var builder = Host.CreateApplicationBuilder(args);
builder.AddAIMassSilo();
await builder.Build().RunAsync();
