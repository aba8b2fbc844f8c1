using System.Text.RegularExpressions;

namespace AIMass.Grains.Security;

/// <summary>Builds and parses tenant-scoped grain keys: <c>{tenant}/{id}</c>, <c>{tenant}/{study}/{number}</c>.</summary>
public static partial class GrainKeys
{
    /// <summary>Tenant ids: 2-40 characters, lower-case letters, digits and dashes, starting with a letter.</summary>
    public static string ValidateTenantId(string tenantId)
    {
        if (string.IsNullOrEmpty(tenantId) || !TenantPattern().IsMatch(tenantId))
        {
            throw new ServiceException(ServiceErrorKind.Invalid,
                $"Tenant id '{tenantId}' is invalid: use 2-40 lower-case letters, digits or dashes, starting with a letter.");
        }
        return tenantId;
    }

    /// <summary>Resource ids (data sets, studies): 1-64 characters of letters, digits, dash, underscore, dot.</summary>
    public static string ValidateId(string id, string what)
    {
        if (string.IsNullOrEmpty(id) || !IdPattern().IsMatch(id))
        {
            throw new ServiceException(ServiceErrorKind.Invalid,
                $"{what} id '{id}' is invalid: use 1-64 letters, digits, '-', '_' or '.'.");
        }
        return id;
    }

    public static string Scoped(string tenantId, string id) => $"{tenantId}/{id}";

    public static string Trial(string tenantId, string studyId, int number) => $"{tenantId}/{studyId}/{number}";

    /// <summary>The tenant part of a tenant-scoped key.</summary>
    public static string TenantOf(string key)
    {
        var slash = key.IndexOf('/');
        return slash < 0 ? key : key[..slash];
    }

    /// <summary>Splits <c>{tenant}/{id}</c>.</summary>
    public static (string Tenant, string Id) Split(string key)
    {
        var slash = key.IndexOf('/');
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new ServiceException(ServiceErrorKind.Invalid, $"Key '{key}' is not of the form tenant/id.");
        }
        return (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>Splits <c>{tenant}/{study}/{number}</c>.</summary>
    public static (string Tenant, string Study, int Number) SplitTrial(string key)
    {
        var parts = key.Split('/');
        if (parts.Length != 3 || !int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            throw new ServiceException(ServiceErrorKind.Invalid, $"Key '{key}' is not of the form tenant/study/number.");
        }
        return (parts[0], parts[1], number);
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    private static partial Regex TenantPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex IdPattern();
}
