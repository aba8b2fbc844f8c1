namespace AIMass.Grains.Workers;

/// <summary>Worker grain keys: <c>{silo}/{device}</c>.</summary>
public static class WorkerKeys
{
    public static string For(string silo, string device) => $"{silo}/{device}";

    public static (string Silo, string Device) Split(string workerId)
    {
        var slash = workerId.IndexOf('/');
        return slash <= 0 ? (workerId, "") : (workerId[..slash], workerId[(slash + 1)..]);
    }
}
