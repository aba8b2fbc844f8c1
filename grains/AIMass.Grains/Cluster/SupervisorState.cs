namespace AIMass.Grains.Cluster;

/// <summary>Persistent state of the supervisor: the active studies.</summary>
[GenerateSerializer, Alias("aimass.supervisor-state")]
public sealed class SupervisorState
{
    [Id(0)] public SortedSet<string> ActiveStudies { get; set; } = new(StringComparer.Ordinal);
}
