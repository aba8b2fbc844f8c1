using Microsoft.Data.Sqlite;

namespace AIMass.Silo.Storage.Sqlite;

/// <summary>The storage's one connection (WAL, busy timeout, schema) and its prepared statements.</summary>
internal sealed class Statements : IDisposable
{
    private const string Key = "service_id = $s AND grain_id = $g AND state_name = $n";

    private readonly SqliteConnection _connection;

    private Statements(SqliteConnection connection)
    {
        _connection = connection;
        Select = Prepare($"SELECT etag, payload FROM grain_state WHERE {Key}");
        Etag = Prepare($"SELECT etag FROM grain_state WHERE {Key}");
        Insert = Prepare("""
            INSERT INTO grain_state (service_id, grain_id, state_name, etag, payload, updated_utc)
            VALUES ($s, $g, $n, $new, $p, $t)
            ON CONFLICT (service_id, grain_id, state_name) DO NOTHING
            """, "$new", "$p", "$t");
        Update = Prepare($"UPDATE grain_state SET etag = $new, payload = $p, updated_utc = $t WHERE {Key} AND etag = $old", "$new", "$p", "$t", "$old");
        Delete = Prepare($"DELETE FROM grain_state WHERE {Key} AND ($old IS NULL OR etag = $old)", "$old");
    }

    public SqliteCommand Select { get; }
    public SqliteCommand Etag { get; }
    public SqliteCommand Insert { get; }
    public SqliteCommand Update { get; }
    public SqliteCommand Delete { get; }

    public static Statements Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var setup = connection.CreateCommand();
            setup.CommandText = """
                PRAGMA busy_timeout = 30000;
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
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
            setup.ExecuteNonQuery();
            return new Statements(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var command in new[] { Select, Etag, Insert, Update, Delete }) command.Dispose();
        _connection.Dispose();
    }

    private SqliteCommand Prepare(string sql, params string[] extra)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in new[] { "$s", "$g", "$n" }.Concat(extra)) command.Parameters.Add(new SqliteParameter(name, null));
        command.Prepare();
        return command;
    }
}
