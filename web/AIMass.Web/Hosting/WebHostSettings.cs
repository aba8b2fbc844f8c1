using AIMass.Silo.Configuration;
using AIMass.Web.Configuration;

namespace AIMass.Web.Hosting;

/// <summary>What the host was started with: the service options, the web options, the resolved data folder.</summary>
public sealed record WebHostSettings(AIMassOptions Service, WebOptions Web, string DataDirectory);
