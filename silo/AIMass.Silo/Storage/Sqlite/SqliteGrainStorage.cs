using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace AIMass.Silo.Storage.Sqlite;

/// <summary>
/// Grain state in one SQLite file (the embedded default). Every write is checked against the ETag the
/// grain read, so two activations can never overwrite each other's state silently: a stale write throws
/// <see cref="InconsistentStateException"/>. WAL journaling keeps committed writes across a killed process.
/// One connection with prepared statements serves the silo (SQLite runs one writer at a time anyway); each
/// statement is a short synchronous step under a lock, and (de)serialisation happens outside it.
/// </summary>
public sealed partial class SqliteGrainStorage : IGrainStorage, IDisposable
{
    private readonly string _connectionString;
    private readonly string _serviceId;
    private readonly IGrainStorageSerializer _serializer;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly Lock _gate = new();
    private readonly string _databasePath;
    private Statements? _statements;

    public SqliteGrainStorage(string databasePath, string serviceId, IGrainStorageSerializer serializer, ILogger<SqliteGrainStorage> logger)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(folder)) PrivateFiles.CreateFolder(folder);
        _databasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        _serviceId = serviceId;
        _serializer = serializer;
        _logger = logger;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        string? etag = null;
        byte[]? payload = null;
        lock (_gate)
        {
            var select = Open().Select;
            Bind(select, stateName, grainId);
            using var reader = select.ExecuteReader();
            if (reader.Read())
            {
                etag = reader.GetString(0);
                payload = (byte[])reader.GetValue(1);
            }
        }
        grainState.ETag = etag;
        grainState.State = payload is null ? Activator.CreateInstance<T>() : _serializer.Deserialize<T>(new BinaryData(payload));
        grainState.RecordExists = payload is not null;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var newEtag = NewEtag();
        var now = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        string? stored = null;
        var written = false;
        lock (_gate)
        {
            var statements = Open();
            var command = grainState.ETag is null ? statements.Insert : statements.Update;
            Bind(command, stateName, grainId);
            command.Parameters["$new"].Value = newEtag;
            command.Parameters["$p"].Value = payload;
            command.Parameters["$t"].Value = now;
            if (grainState.ETag is not null) command.Parameters["$old"].Value = grainState.ETag;
            written = command.ExecuteNonQuery() == 1;
            if (!written)
            {
                Bind(statements.Etag, stateName, grainId);
                stored = statements.Etag.ExecuteScalar() as string;
            }
        }
        if (!written)
        {
            LogConflict(grainId.ToString(), stateName, grainState.ETag, stored);
            throw new InconsistentStateException(
                $"State '{stateName}' of {grainId} changed in storage since it was read (stored ETag {stored ?? "none"}, expected {grainState.ETag ?? "none"}).",
                stored ?? "", grainState.ETag ?? "");
        }
        grainState.ETag = newEtag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_gate)
        {
            var delete = Open().Delete;
            Bind(delete, stateName, grainId);
            delete.Parameters["$old"].Value = (object?)grainState.ETag ?? DBNull.Value;
            delete.ExecuteNonQuery();
        }
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _statements?.Dispose();
            _statements = null;
        }
    }

    private void Bind(SqliteCommand command, string stateName, GrainId grainId)
    {
        command.Parameters["$s"].Value = _serviceId;
        command.Parameters["$g"].Value = grainId.ToString();
        command.Parameters["$n"].Value = stateName;
    }

    /// <summary>The connection and its prepared statements, opened (schema and pragmas included) on first use; call under the lock.</summary>
    private Statements Open()
    {
        if (_statements is not null) return _statements;
        _statements = Statements.Open(_connectionString);
        foreach (var suffix in new[] { "", "-wal", "-shm" }) PrivateFiles.Restrict(_databasePath + suffix);
        return _statements;
    }

    private static string NewEtag() => Guid.NewGuid().ToString("N");

    [LoggerMessage(Level = LogLevel.Warning, Message = "ETag conflict writing {StateName} of {GrainId}: expected {Expected}, stored {Stored}")]
    private partial void LogConflict(string grainId, string stateName, string? expected, string? stored);
}
