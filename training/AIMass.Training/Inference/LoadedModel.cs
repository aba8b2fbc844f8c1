using AIMass.Training.Artifacts;
using AIMass.Training.Configuration;
using AIMass.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Inference;

/// <summary>An artifact's network rebuilt from its hyperparameters, its weights loaded, in eval mode on a device.</summary>
internal sealed class LoadedModel : IDisposable
{
    public LoadedModel(ModelArtifact artifact, Device device)
    {
        Artifact = artifact;
        Device = device;
        var metadata = artifact.Metadata;
        var hp = new HyperparameterReader(
            metadata.Hyperparameters.ToDictionary(kv => kv.Key, kv => (object?)kv.Value),
            Hyperparameters.TrainingKeys.Concat(Hyperparameters.DistillationKeys).ToArray());
        var network = ModelFactory.CreateFrom(hp, metadata.FeatureCount, artifact.Preprocessing.Target.Outputs, metadata.Image, seed: 0);
        try
        {
            using var weights = new MemoryStream(artifact.Weights, writable: false);
            network.load(weights, strict: true);
            Network = network.to(device);
            Network.eval();
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    public ModelArtifact Artifact { get; }

    public Device Device { get; }

    public NetworkModel Network { get; }

    public void Dispose() => Network.Dispose();
}
