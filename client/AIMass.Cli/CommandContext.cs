using System.CommandLine;
using System.Text.Json;
using AIMass.Cli.Connection;
using AIMass.Client.Json;
using AIMass.Grains.Security;
using Spectre.Console;

namespace AIMass.Cli;

/// <summary>One command's invocation: its parsed options, the environment, and helpers to connect and write.</summary>
public sealed class CommandContext(ParseResult parse, CliEnvironment environment, GlobalOptions globals, CancellationToken ct)
{
    public ParseResult Parse { get; } = parse;

    public CliEnvironment Environment { get; } = environment;

    public CancellationToken Cancellation { get; } = ct;

    public bool Json => Parse.GetValue(globals.Json);

    public IAnsiConsole Console => Environment.Console;

    public T Value<T>(Option<T> option) => Parse.GetValue(option)!;

    public T Value<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    /// <summary>
    /// Where to connect: <c>--server</c> (or AIMASS_SERVER) over HTTP, else an embedded service over <c>--data-dir</c>;
    /// with <paramref name="temporaryByDefault"/> an embedded service on a fresh temporary folder needs no <c>--data-dir</c>.
    /// </summary>
    public ConnectionRequest Connection(bool admin = false, bool temporaryByDefault = false, string devices = "auto")
    {
        var server = Parse.GetValue(globals.Server) ?? Environment.Variables("AIMASS_SERVER");
        var apiKey = Parse.GetValue(globals.ApiKey) ?? Environment.Variables("AIMASS_API_KEY");
        var dataDirectory = Parse.GetValue(globals.DataDirectory);
        if (!string.IsNullOrWhiteSpace(server))
        {
            if (dataDirectory is not null && Parse.GetValue(globals.Server) is not null)
            {
                throw CliException.Usage("--server and --data-dir exclude each other: connect to a running service, or embed one.");
            }
            if (dataDirectory is null)
            {
                if (!Uri.TryCreate(server.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    throw CliException.Usage($"--server '{server}' is not an http or https address.");
                }
                return new ConnectionRequest { Server = uri, ApiKey = apiKey, Admin = admin };
            }
        }
        if (dataDirectory is null && !temporaryByDefault)
        {
            throw CliException.Usage("Say where the service is: --server URL --api-key KEY (or AIMASS_SERVER and AIMASS_API_KEY), " +
                "or --data-dir DIR to run an embedded service over a data folder that no running service uses.");
        }
        var tenant = Parse.GetValue(globals.Tenant) ?? "demo";
        try
        {
            GrainKeys.ValidateTenantId(tenant);
        }
        catch (AIMass.Grains.ServiceException e)
        {
            throw CliException.Usage($"--tenant: {e.Message}");
        }
        return new ConnectionRequest
        {
            DataDirectory = dataDirectory,
            Tenant = tenant,
            Admin = admin,
            Devices = devices,
            Verbose = Parse.GetValue(globals.Verbose),
        };
    }

    public Task<ClientSession> ConnectAsync(bool admin = false) =>
        Environment.Connector.ConnectAsync(Connection(admin), Cancellation);

    /// <summary>Writes a value as indented JSON (the API's form) on standard output.</summary>
    public void WriteJson<T>(T value) => Environment.Output.WriteLine(JsonSerializer.Serialize(value, AIMassJson.Indented));

    /// <summary>A line on standard error (notes that must not mix with JSON output).</summary>
    public void Note(string message) => Environment.Error.WriteLine(message);
}
