using System.Security.Cryptography;
using System.Text;

namespace AIMass.Web.Security;

/// <summary>The admin key of this host: from <c>AIMass:AdminKey</c>, or generated once into the data folder.</summary>
public sealed class AdminCredentials(string key, string? storedAt)
{
    private readonly byte[] _hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The file holding the generated key, or null when it comes from configuration.</summary>
    public string? StoredAt { get; } = storedAt;

    /// <summary>Where the key comes from, in words, for the start-up banner.</summary>
    public string Source => StoredAt is null ? "configuration AIMass:AdminKey" : StoredAt;

    /// <summary>Constant-time check of a presented key.</summary>
    public bool Matches(string presented) =>
        CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(presented.Trim())));
}
