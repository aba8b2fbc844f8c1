namespace AIMass.Grains;

/// <summary>
/// The one exception the service's grains throw for a caller's mistake or a refusal. It crosses grain and
/// process boundaries intact (kind, message, precise errors) so that every edge can say what is wrong.
/// </summary>
[GenerateSerializer, Alias("aimass.service-exception")]
public sealed class ServiceException : Exception
{
    public ServiceException(ServiceErrorKind kind, string message, IReadOnlyList<FieldError>? errors = null)
        : base(message)
    {
        Kind = kind;
        Errors = errors?.ToArray() ?? [];
    }

    [Id(0)]
    public ServiceErrorKind Kind { get; private set; }

    [Id(1)]
    public FieldError[] Errors { get; private set; }

    public static ServiceException NotFound(string what) => new(ServiceErrorKind.NotFound, $"{what} was not found.");

    public static ServiceException Forbidden(string message) => new(ServiceErrorKind.Forbidden, message);

    public static ServiceException Conflict(string message) => new(ServiceErrorKind.Conflict, message);

    public static ServiceException TooLarge(string message) => new(ServiceErrorKind.TooLarge, message);

    public static ServiceException Invalid(string message, IReadOnlyList<FieldError>? errors = null) =>
        new(ServiceErrorKind.Invalid, message, errors);
}
