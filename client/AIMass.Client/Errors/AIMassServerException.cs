using System.Net;

namespace AIMass.Client.Errors;

/// <summary>
/// The service failed (an HTTP 5xx, or an answer that is not the API's): not a refusal of the caller's
/// input, which is a <see cref="AIMass.Grains.ServiceException"/>.
/// </summary>
public sealed class AIMassServerException : Exception
{
    public AIMassServerException(string message, HttpStatusCode? statusCode = null, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status, when the failure came over HTTP.</summary>
    public HttpStatusCode? StatusCode { get; }
}
