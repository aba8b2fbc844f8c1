namespace AIMass.Silo.Configuration;

/// <summary>Which storage the service uses.</summary>
public enum StorageKind
{
    /// <summary>SQLite file + local artifact folder + localhost clustering (one machine, no server).</summary>
    Sqlite = 0,

    /// <summary>Azure Tables (state, clustering, reminders) + Azure Blobs (artifacts).</summary>
    AzureStorage = 1,
}
