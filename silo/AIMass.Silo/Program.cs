using AIMass.Silo.Configuration;
using AIMass.Silo.Health;
using AIMass.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace AIMass.Silo;

/// <summary>
/// A standalone silo: <c>dotnet run --project silo/AIMass.Silo</c> (configuration in the AIMass section);
/// <c>/healthz</c> and <c>/readyz</c> on <c>AIMass:HealthUrl</c>. (A named class, not top-level statements: the web
/// host references this assembly and has its own <c>Program</c>.)
/// </summary>
internal static class SiloProgram
{
    public static async Task Main(string[] args)
    {
        AIMass.Training.Runtime.ConvolutionIsaGuard.Apply(); // before anything can create a convolution (see its summary)
        Storage.PrivateFiles.RestrictProcess(); // data, keys, models: the service user's only (0700 folders, 0600 files)
        var builder = WebApplication.CreateBuilder(args);
        var options = builder.Configuration.GetSection(AIMassOptions.Section).Get<AIMassOptions>() ?? new AIMassOptions();
        builder.WebHost.UseUrls(options.HealthUrl);
        builder.AddAIMassSilo();
        var app = builder.Build();
        app.MapAIMassHealth();
        await app.RunAsync();
    }
}
