using AIMass.Training.Artifacts;
using AIMass.Training.Configuration;
using AIMass.Training.Models;
using AIMass.Training.Models.Host;
using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Inference;

/// <summary>
/// An artifact's model made runnable: a network rebuilt from its hyperparameters with its weights loaded, in eval
/// mode on a device; a host model (trees, linear, neighbours; on the CPU); or, for a bag or an ensemble, its members,
/// whose outputs are combined with the artifact's weights (they share its preprocessing).
/// </summary>
internal sealed class LoadedModel : IDisposable
{
    private const int Chunk = 1024;

    public LoadedModel(ModelArtifact artifact, Device device)
    {
        Artifact = artifact;
        var metadata = artifact.Metadata;
        var outputs = artifact.Preprocessing.Target.Outputs;
        if (artifact.Members.Count > 0)
        {
            Device = device;
            var members = new List<(LoadedModel, double)>();
            try
            {
                for (var i = 0; i < artifact.Members.Count; i++) members.Add((new LoadedModel(artifact.Members[i], device), metadata.Members[i].Weight));
            }
            catch
            {
                foreach (var (m, _) in members) m.Dispose();
                throw;
            }
            Members = members;
            return;
        }
        if (HostModels.IsHostFamily(metadata.Family))
        {
            Device = torch.CPU;
            Host = HostModels.Load(metadata.Family, artifact.Weights,
                new HostModelShape(metadata.Task, outputs, metadata.FeatureCount, metadata.ParameterCount));
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

    /// <summary>The host model, for trees, linear models and neighbours.</summary>
    public IHostModel? Host { get; }

    /// <summary>The members and their weights, for a bag or an ensemble.</summary>
    public IReadOnlyList<(LoadedModel Model, double Weight)> Members { get; } = Array.Empty<(LoadedModel, double)>();

    /// <summary>Class probabilities (row-major) or standardised values for row-major encoded features. Not thread-safe.</summary>
    public float[] Score(float[] features, int count)
    {
        if (Host is not null) return Host.Score(features, count);
        if (Members.Count > 0) return Combine(features, count);
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

    /// <summary>The weighted sum of the members' outputs (weights sum to 1: a mean of probabilities or of values).</summary>
    private float[] Combine(float[] features, int count)
    {
        double[]? sum = null;
        foreach (var (member, weight) in Members)
        {
            var outputs = member.Score(features, count);
            sum ??= new double[outputs.Length];
            for (var i = 0; i < outputs.Length; i++) sum[i] += weight * outputs[i];
        }
        return Array.ConvertAll(sum!, v => (float)v);
    }

    public void Dispose()
    {
        Network?.Dispose();
        foreach (var (member, _) in Members) member.Dispose();
    }
}
