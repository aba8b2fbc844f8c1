namespace AIMass.Web.Configuration;

/// <summary>How the web host reaches the grains.</summary>
public enum WebMode
{
    /// <summary>Hosts a silo in this process (the one-machine default).</summary>
    Embedded = 0,

    /// <summary>Connects to a separate cluster as an Orleans client (the scaled-out setup).</summary>
    Client = 1,
}
