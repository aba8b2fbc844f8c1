using System.CommandLine;
using AIMass.Cli.Automl;
using AIMass.Cli.Output;
using AIMass.Client.Datasets;

namespace AIMass.Cli.Commands;

/// <summary><c>aimass datasets upload|list|show|delete</c>.</summary>
public static class DatasetsCommand
{
    public static Command Build(CliApp app)
    {
        var command = new Command("datasets", "Upload and inspect data sets.");

        var file = new Argument<string>("file") { Description = "CSV file (header row first)." };
        var id = new Option<string?>("--id") { Description = "Data set id (default: from the file name); an existing id gets a new version." };
        var name = new Option<string?>("--name") { Description = "Display name (default: the file name)." };
        var target = new Option<string?>("--target") { Description = "Check this column as a target now." };
        var image = new Option<string?>("--image") { Description = "The feature columns are pixels of this shape, CxHxW." };
        var upload = new Command("upload", "Upload a CSV as a data set (or a new version of one).") { file, id, name, target, image };
        app.Handle(upload, async context =>
        {
            var path = context.Value(file);
            if (!File.Exists(path)) throw CliException.Input($"The file '{path}' does not exist.");
            var shape = context.Value(image) is { } text ? AutomlSettings.ParseImage(text) : null;
            await using var session = await context.ConnectAsync().ConfigureAwait(false);
            await using var stream = File.OpenRead(path);
            var info = await session.Client.UploadDatasetAsync(stream, new DatasetUploadOptions
            {
                Id = context.Value(id),
                Name = context.Value(name),
                FileName = Path.GetFileName(path),
                Target = context.Value(target),
                Image = shape,
            }, context.Cancellation).ConfigureAwait(false);
            if (context.Json) context.WriteJson(info);
            else context.Console.Write(Tables.Dataset(info));
            return ExitCodes.Ok;
        });

        var list = new Command("list", "List your data sets.");
        app.Handle(list, async context =>
        {
            await using var session = await context.ConnectAsync().ConfigureAwait(false);
            var all = await session.Client.ListDatasetsAsync(context.Cancellation).ConfigureAwait(false);
            if (context.Json) context.WriteJson(all);
            else context.Console.Write(Tables.Datasets(all));
            return ExitCodes.Ok;
        });

        var showId = new Argument<string>("id") { Description = "Data set id." };
        var show = new Command("show", "Show a data set's schema and versions.") { showId };
        app.Handle(show, async context =>
        {
            await using var session = await context.ConnectAsync().ConfigureAwait(false);
            var info = await session.Client.GetDatasetAsync(context.Value(showId), context.Cancellation).ConfigureAwait(false);
            if (context.Json) context.WriteJson(info);
            else context.Console.Write(Tables.Dataset(info));
            return ExitCodes.Ok;
        });

        var deleteId = new Argument<string>("id") { Description = "Data set id." };
        var delete = new Command("delete", "Delete a data set and its stored versions.") { deleteId };
        app.Handle(delete, async context =>
        {
            await using var session = await context.ConnectAsync().ConfigureAwait(false);
            await session.Client.DeleteDatasetAsync(context.Value(deleteId), context.Cancellation).ConfigureAwait(false);
            context.Note($"aimass: data set '{context.Value(deleteId)}' deleted.");
            return ExitCodes.Ok;
        });

        command.Subcommands.Add(upload);
        command.Subcommands.Add(list);
        command.Subcommands.Add(show);
        command.Subcommands.Add(delete);
        return command;
    }
}
