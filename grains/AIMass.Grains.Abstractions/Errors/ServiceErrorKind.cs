namespace AIMass.Grains;

/// <summary>What kind of failure a <see cref="ServiceException"/> reports; the HTTP edge maps it to a status code.</summary>
public enum ServiceErrorKind
{
    /// <summary>The request is malformed or names something invalid (400).</summary>
    Invalid = 0,

    /// <summary>The caller is not authenticated (401).</summary>
    Unauthenticated = 1,

    /// <summary>The caller may not touch this resource (403).</summary>
    Forbidden = 2,

    /// <summary>The resource does not exist (404).</summary>
    NotFound = 3,

    /// <summary>The resource is not in a state that allows the operation (409).</summary>
    Conflict = 4,

    /// <summary>A tenant quota would be exceeded (429).</summary>
    QuotaExceeded = 5,

    /// <summary>The request is larger than a limit allows (413).</summary>
    TooLarge = 6,
}
