namespace AIMass.Client;

/// <summary>How an <see cref="IAIMassClient"/> reaches the service.</summary>
public enum AIMassTransport
{
    /// <summary>Over the HTTP API with an API key: for tenants and tools outside the cluster.</summary>
    Http = 0,

    /// <summary>Straight to the grains through an Orleans <c>IGrainFactory</c>: for trusted services inside the cluster.</summary>
    Grains = 1,
}
