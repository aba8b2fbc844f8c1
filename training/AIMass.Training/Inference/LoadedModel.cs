using AIMass.Training.Artifacts;
using AIMass.Training.Configuration;
using AIMass.Training.Models;
using AIMass.Training.Models.Gbdt;
using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Inference;

/// <summary>
/// An artifact's model made runnable: a network rebuilt from its hyperparameters with its weights loaded, in eval
/// mode on a device; or, for <c>gbdt</c>, the LightGBM model (on the CPU).
/// </summary>
internal sealed class LoadedModel : IDisposable
{
    private const int Chunk = 1024;

    public LoadedModel(ModelArtifact artifact, Device device)
    {
        Artifact = artifact;
        var metadata = artifact.Metadata;
        var outputs = artifact.Preprocessing.Target.Outputs;
        if (metadata.Family == "gbdt")
        {
            Device = torch.CPU;
            Trees = GbdtModel.Load(artifact.Weights, metadata.Task, outputs, metadata.FeatureCount, metadata.ParameterCount);
            return;
        }
        Device = device;
        var hp = new HyperparameterReader(
            metadata.Hyperparameters.ToDictionary(kv => kv.Key, kv => (object?)kv.Value),
            Hyperparameters.TrainingKeys.Concat(Hyperparameters.DistillationKeys).ToArray());
        var network = ModelFactory.CreateFrom(hp, metadata.FeatureCount, outputs, metadata.Image, seed: 0);
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

    /// <summary>The network, for neural families.</summary>
    public NetworkModel? Network { get; }

    /// <summary>The trees, for <c>gbdt</c>.</summary>
    public GbdtModel? Trees { get; }

    /// <summary>Class probabilities (row-major) or standardised values for row-major encoded features. Not thread-safe.</summary>
    public float[] Score(float[] features, int count)
    {
        if (Trees is not null) return Trees.Score(features, count);
        var width = Artifact.Metadata.FeatureCount;
        var classification = Artifact.Metadata.Task == TaskKind.Classification;
        var outWidth = classification ? Network!.Outputs : 1;
        var result = new float[(long)count * outWidth];
        using var _ = torch.no_grad();
        for (var start = 0; start < count; start += Chunk)
        {
            using var scope = torch.NewDisposeScope();
            var n = Math.Min(Chunk, count - start);
            var slice = features.AsSpan(start * width, n * width).ToArray();
            var input = torch.tensor(slice, new long[] { n, width }).to(Device);
            var output = Network!.call(input);
            if (classification) output = nn.functional.softmax(output, 1);
            output.cpu().contiguous().data<float>().ToArray().CopyTo(result, (long)start * outWidth);
        }
        return result;
    }

    public void Dispose() => Network?.Dispose();
}
