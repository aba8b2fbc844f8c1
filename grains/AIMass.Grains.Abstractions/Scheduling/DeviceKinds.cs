namespace AIMass.Grains.Scheduling;

/// <summary>Device names (<c>cpu</c>, <c>cuda:N</c>) and the job requirements that match them.</summary>
public static class DeviceKinds
{
    public const string Cpu = "cpu";
    public const string Gpu = "gpu";
    public const string Any = "any";

    public static string Of(string device) => device.StartsWith("cuda", StringComparison.OrdinalIgnoreCase) ? Gpu : Cpu;

    /// <summary>Normalises a requirement, refusing unknown ones.</summary>
    public static string Requirement(string? requirement) => (requirement ?? Any).Trim().ToLowerInvariant() switch
    {
        "" or "any" or "auto" => Any,
        "cpu" => Cpu,
        "gpu" or "cuda" => Gpu,
        var other => throw ServiceException.Invalid($"Device '{other}' is unknown: use any, cpu or gpu.",
            [new FieldError(null, "device", $"'{other}' is not any, cpu or gpu")]),
    };
}
