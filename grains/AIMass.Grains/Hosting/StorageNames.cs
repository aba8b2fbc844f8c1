namespace AIMass.Grains.Hosting;

/// <summary>The name of the grain storage provider every AIMass grain writes its state to.</summary>
public static class StorageNames
{
    public const string State = "aimass";
}
