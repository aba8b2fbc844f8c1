using System.Security.Cryptography;
using AIMass.Grains.Security;
using AIMass.Grains.Tenants;

namespace AIMass.Silo.Hosting;

/// <summary>
/// Keys of the one-machine setup: the admin key (configuration <c>AIMass:AdminKey</c>, else generated once into
/// <c>{data}/admin.key</c>) and a demo tenant whose first API key is kept in <c>{data}/{tenant}.key</c>, so that
/// a fresh start can print both. Files are readable by their owner only.
/// </summary>
public static class EmbeddedKeys
{
    /// <summary>The configured admin key, or the one generated into the data folder.</summary>
    public static string AdminKey(string dataDirectory, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured.Trim();
        var path = Path.Combine(dataDirectory, "admin.key");
        if (File.Exists(path)) return File.ReadAllText(path).Trim();
        var key = "aim-admin-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        WritePrivate(path, key);
        return key;
    }

    /// <summary>Creates the tenant if needed and returns an API key for it (kept in the data folder).</summary>
    public static async Task<string> EnsureTenantAsync(IGrainFactory grains, string dataDirectory, string tenantId, string displayName)
    {
        var path = Path.Combine(dataDirectory, $"{tenantId}.key");
        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        using (CallerContext.Use(Caller.Admin))
        {
            if (!await tenant.ExistsAsync())
            {
                var created = await tenant.CreateAsync(new TenantCreateRequest { DisplayName = displayName });
                WritePrivate(path, created.Secret);
                return created.Secret;
            }
        }
        if (File.Exists(path))
        {
            var stored = File.ReadAllText(path).Trim();
            using (CallerContext.AsSystem())
            {
                if (await tenant.VerifyKeyAsync(stored)) return stored;
            }
        }
        using (CallerContext.Use(Caller.Admin))
        {
            var key = await tenant.CreateKeyAsync("local");
            WritePrivate(path, key.Secret);
            return key.Secret;
        }
    }

    private static void WritePrivate(string path, string content)
    {
        Storage.PrivateFiles.CreateFolder(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content + Environment.NewLine);
        Storage.PrivateFiles.Restrict(path);
    }
}
