namespace AIMass.Silo.Configuration;

/// <summary>What this silo offers for training (section <c>AIMass:Silo</c>).</summary>
public sealed class SiloWorkerOptions
{
    /// <summary>Unique silo name (first part of its worker keys); defaults to the machine name and port.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// <c>auto</c> (cpu, plus every CUDA device TorchSharp sees), <c>none</c> (a silo that trains nothing),
    /// or a comma list such as <c>cpu</c> or <c>cuda:0,cuda:1</c>.
    /// </summary>
    public string Devices { get; set; } = "auto";

    /// <summary>
    /// Development only: accept <c>cuda:N</c> devices in <see cref="Devices"/> although no GPU is present,
    /// and run their jobs on the CPU. A stand-in for a GPU machine where none can run (tests, local
    /// scaled-out trials); never set it in production.
    /// </summary>
    public bool FakeGpu { get; set; }

    /// <summary>Concurrent jobs per CPU device; 0 = processor count / threads per job.</summary>
    public int CpuSlots { get; set; }

    /// <summary>Concurrent jobs per GPU device.</summary>
    public int GpuSlots { get; set; } = 1;

    /// <summary>Torch threads per training job (one job per core is fastest on a shared machine).</summary>
    public int ThreadsPerJob { get; set; } = 1;
}
