using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace AIMass.Silo.Storage.Sqlite;

/// <summary>
/// Grain state in one SQLite file (the embedded default). Every write is checked against the ETag the
/// grain read, so two activations can never overwrite each other's state silently: a stale write throws
/// <see cref="InconsistentStateException"/>. WAL journaling keeps committed writes across a killed process.
/// </summary>
public sealed partial class SqliteGrainStorage : IGrainStorage
{
    private readonly string _connectionString;
    private readonly string _serviceId;
    private readonly IGrainStorageSerializer _serializer;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly Lazy<Task> _schema;

    public SqliteGrainStorage(string databasePath, string serviceId, IGrainStorageSerializer serializer, ILogger<SqliteGrainStorage> logger)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _serviceId = serviceId;
        _serializer = serializer;
        _logger = logger;
        _schema = new Lazy<Task>(CreateSchemaAsync);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _schema.Value;
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, payload FROM grain_state WHERE service_id = $s AND grain_id = $g AND state_name = $n";
        Bind(command, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            grainState.ETag = reader.GetString(0);
            grainState.State = _serializer.Deserialize<T>(new BinaryData((byte[])reader.GetValue(1)));
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.State = Activator.CreateInstance<T>();
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _schema.Value;
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var newEtag = NewEtag();
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        if (grainState.ETag is null)
        {
            command.CommandText = """
                INSERT INTO grain_state (service_id, grain_id, state_name, etag, payload, updated_utc)
                VALUES ($s, $g, $n, $new, $p, $t)
                ON CONFLICT (service_id, grain_id, state_name) DO NOTHING
                """;
        }
        else
        {
            command.CommandText = """
                UPDATE grain_state SET etag = $new, payload = $p, updated_utc = $t
                WHERE service_id = $s AND grain_id = $g AND state_name = $n AND etag = $old
                """;
            command.Parameters.AddWithValue("$old", grainState.ETag);
        }
        Bind(command, stateName, grainId);
        command.Parameters.AddWithValue("$new", newEtag);
        command.Parameters.AddWithValue("$p", payload);
        command.Parameters.AddWithValue("$t", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        if (await command.ExecuteNonQueryAsync() != 1)
        {
            var stored = await CurrentEtagAsync(connection, stateName, grainId);
            LogConflict(grainId.ToString(), stateName, grainState.ETag, stored);
            throw new InconsistentStateException(
                $"State '{stateName}' of {grainId} changed in storage since it was read (stored ETag {stored ?? "none"}, expected {grainState.ETag ?? "none"}).",
                stored ?? "", grainState.ETag ?? "");
        }
        grainState.ETag = newEtag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _schema.Value;
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM grain_state WHERE service_id = $s AND grain_id = $g AND state_name = $n AND ($old IS NULL OR etag = $old)";
        Bind(command, stateName, grainId);
        command.Parameters.AddWithValue("$old", (object?)grainState.ETag ?? DBNull.Value);
        await command.ExecuteNonQueryAsync();
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private async Task<string?> CurrentEtagAsync(SqliteConnection connection, string stateName, GrainId grainId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag FROM grain_state WHERE service_id = $s AND grain_id = $g AND state_name = $n";
        Bind(command, stateName, grainId);
        return await command.ExecuteScalarAsync() as string;
    }

    private void Bind(SqliteCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.AddWithValue("$s", _serviceId);
        command.Parameters.AddWithValue("$g", grainId.ToString());
        command.Parameters.AddWithValue("$n", stateName);
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync();
        return connection;
    }

    private async Task CreateSchemaAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS grain_state (
                service_id  TEXT NOT NULL,
                grain_id    TEXT NOT NULL,
                state_name  TEXT NOT NULL,
                etag        TEXT NOT NULL,
                payload     BLOB NOT NULL,
                updated_utc TEXT NOT NULL,
                PRIMARY KEY (service_id, grain_id, state_name)
            );
            """;
        await command.ExecuteNonQueryAsync();
    }

    private static string NewEtag() => Guid.NewGuid().ToString("N");

    [LoggerMessage(Level = LogLevel.Warning, Message = "ETag conflict writing {StateName} of {GrainId}: expected {Expected}, stored {Stored}")]
    private partial void LogConflict(string grainId, string stateName, string? expected, string? stored);
}
