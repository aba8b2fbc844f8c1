using System.Security.Cryptography;
using System.Text;
using AIMass.Grains.Security;

namespace AIMass.Grains.Tenants;

/// <summary>
/// API keys look like <c>aim.{tenant}.{keyId}.{secret}</c>: the tenant id lets the edge find the tenant
/// grain without an index, the key id finds the stored hash, the 32-character secret is the credential.
/// </summary>
public static class ApiKeyFormat
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Makes a new random key for a tenant.</summary>
    public static (string KeyId, string Secret) Create(string tenantId)
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var secret = string.Create(32, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        });
        return (keyId, $"aim.{tenantId}.{keyId}.{secret}");
    }

    /// <summary>Splits a presented key, or returns false when it is not of our form.</summary>
    public static bool TryParse(string? presented, out string tenantId, out string keyId)
    {
        tenantId = keyId = "";
        if (string.IsNullOrWhiteSpace(presented)) return false;
        var parts = presented.Trim().Split('.');
        if (parts.Length != 4 || parts[0] != "aim" || parts[2].Length != 8 || parts[3].Length != 32) return false;
        try
        {
            GrainKeys.ValidateTenantId(parts[1]);
        }
        catch (ServiceException)
        {
            return false;
        }
        tenantId = parts[1];
        keyId = parts[2];
        return true;
    }

    /// <summary>The stored form: SHA-256 of the whole key (the secret has 190 bits of entropy, so a fast hash suffices).</summary>
    public static string Hash(string presented) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(presented.Trim())));

    /// <summary>Constant-time comparison of two hashes.</summary>
    public static bool HashEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    /// <summary>The recognisable, non-secret start of a key, for listings.</summary>
    public static string Prefix(string presented) => presented.Length <= 20 ? presented : presented[..(presented.LastIndexOf('.') + 5)] + "...";
}
