using System.CommandLine;
using AIMass.Cli.Output;

namespace AIMass.Cli.Commands;

/// <summary><c>aimass admin silos|workers|drain|undrain</c> (the admin key, or an embedded service).</summary>
public static class AdminCommand
{
    public static Command Build(CliApp app)
    {
        var command = new Command("admin", "Cluster administration (needs the admin key with --server).");

        var silos = new Command("silos", "Silos with role, devices, drain state and running jobs; the queue per tenant.");
        app.Handle(silos, async context =>
        {
            await using var session = await context.ConnectAsync(admin: true).ConfigureAwait(false);
            var view = await session.Client.GetClusterAsync(context.Cancellation).ConfigureAwait(false);
            if (context.Json) context.WriteJson(view);
            else
            {
                context.Console.Write(Tables.Silos(view));
                context.Console.Write(Tables.Queue(view));
            }
            return ExitCodes.Ok;
        });

        var workers = new Command("workers", "Workers (one per device of each silo): slots, running trials, drain state.");
        app.Handle(workers, async context =>
        {
            await using var session = await context.ConnectAsync(admin: true).ConfigureAwait(false);
            var view = await session.Client.GetClusterAsync(context.Cancellation).ConfigureAwait(false);
            if (context.Json) context.WriteJson(view.Workers);
            else context.Console.Write(Tables.Workers(view.Workers));
            return ExitCodes.Ok;
        });

        var drainSilo = new Argument<string>("silo") { Description = "Silo name (see admin silos)." };
        var handBack = new Option<bool>("--hand-back") { Description = "Give running jobs back to the queue now instead of letting them finish." };
        var drain = new Command("drain", "Stop a silo taking new trials (before scaling it down or upgrading it).") { drainSilo, handBack };
        app.Handle(drain, async context =>
        {
            await using var session = await context.ConnectAsync(admin: true).ConfigureAwait(false);
            var silo = await session.Client.DrainSiloAsync(context.Value(drainSilo), context.Value(handBack), context.Cancellation).ConfigureAwait(false);
            if (context.Json) context.WriteJson(silo);
            else context.Environment.Output.WriteLine($"silo {silo.Name}: draining {(silo.Draining ? "yes" : "no")}, {silo.RunningJobs} job(s) still running");
            return ExitCodes.Ok;
        });

        var undrainSilo = new Argument<string>("silo") { Description = "Silo name." };
        var undrain = new Command("undrain", "Let a drained silo take trials again.") { undrainSilo };
        app.Handle(undrain, async context =>
        {
            await using var session = await context.ConnectAsync(admin: true).ConfigureAwait(false);
            var silo = await session.Client.UndrainSiloAsync(context.Value(undrainSilo), context.Cancellation).ConfigureAwait(false);
            if (context.Json) context.WriteJson(silo);
            else context.Environment.Output.WriteLine($"silo {silo.Name}: draining {(silo.Draining ? "yes" : "no")}");
            return ExitCodes.Ok;
        });

        command.Subcommands.Add(silos);
        command.Subcommands.Add(workers);
        command.Subcommands.Add(drain);
        command.Subcommands.Add(undrain);
        return command;
    }
}
