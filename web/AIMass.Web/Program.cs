using AIMass.Web.Extensions;

// `dotnet run --project web/AIMass.Web`: portal + HTTP API + an embedded silo (SQLite in ~/.aimass), on http://localhost:5080.
AIMass.Training.Runtime.ConvolutionIsaGuard.Apply(); // before anything can create a convolution (see its summary)
AIMass.Silo.Storage.PrivateFiles.RestrictProcess(); // data, keys, models: the service user's only (0700 folders, 0600 files)
var builder = WebApplication.CreateBuilder(args);
builder.AddAIMassWeb();

var app = builder.Build();
app.UseAIMassWeb();
app.Run();

/// <summary>The web host's entry point (public for <c>WebApplicationFactory</c>).</summary>
public partial class Program;
