namespace AIMass.Training.Models;

/// <summary>
/// The one lock around libtorch's process-wide random generator. TorchSharp's layer constructors draw their
/// initial weights from that generator and offer no per-call generator, so the library seeds it and builds a
/// model while holding this lock; everything else random in a job (shuffling, dropout masks, augmentation)
/// uses the job's own generators, so concurrent jobs stay reproducible. Code that seeds or draws from the
/// global generator itself should take this lock too.
/// </summary>
public static class TorchGlobalRandom
{
    /// <summary>Hold while seeding and drawing from libtorch's global generator.</summary>
    public static readonly object Lock = new();
}
