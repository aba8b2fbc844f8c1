using AIMass.Training.Data;
using AIMass.Training.Distillation;
using AIMass.Training.Inference;
using AIMass.Training.Tests.Support;
using AIMass.Training.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Tests.Distillation;

public sealed class TeacherSignalTests
{
    private static TrainingOutcome SmallCnn(bool augment) => TrainingPipeline.Run(new TrainingRequest
    {
        Data = Samples.Digits, Target = "digit", Seed = 1, SplitSeed = 9, Device = "cpu", Image = Samples.DigitsShape,
        Hyperparameters = Samples.Hp(("family", "cnn"), ("channels", 4), ("width", 16), ("epochs", 2), ("augment", augment)),
    });

    [Fact]
    public void Shifted_views_average_the_teachers_probabilities_at_the_temperature_and_its_embeddings()
    {
        var teacher = SmallCnn(augment: true);
        using var job = JobContext.Prepare(Samples.Digits, "digit", null, Samples.DigitsShape, 1, "cpu", 9, 0.2, 0.2, teacher.Artifact.Preprocessing, CancellationToken.None);
        using var model = new LoadedModel(teacher.Artifact, job.Device);
        const double t = 3;
        using var live = TeacherSignal.FromModel(model, job.Preprocessing.Target, job.Train, job.Device, Samples.DigitsShape, views: 1, temperature: t);
        using var stored = TeacherSignal.FromModel(model, job.Preprocessing.Target, job.Train, job.Device, Samples.DigitsShape, views: 1, temperature: t, precompute: true);
        var positions = new long[] { 3, 0, 17, 5 };
        using var x = job.Train.Gather(positions);
        var (outputs, embedding) = live.For(x, positions);
        var (storedOutputs, storedEmbedding) = stored.For(x, positions);

        // By hand: the 9 shifts of up to one pixel (edge-replicated), softmax(z / T) averaged, returned as T * log(mean p).
        using var _ = torch.no_grad();
        using var temperature = t.ToScalar();
        using var images = x.reshape(4, 1, 8, 8);
        using var padded = nn.functional.pad(images, new long[] { 1, 1, 1, 1 }, PaddingModes.Replicate);
        var probabilities = new List<Tensor>();
        var embeddings = new List<Tensor>();
        for (var dy = 0; dy < 3; dy++)
        for (var dx = 0; dx < 3; dx++)
        {
            using var view = padded.narrow(2, dy, 8).narrow(3, dx, 8).reshape(4, 64);
            var e = model.Network!.Embed(view);
            embeddings.Add(e);
            using var z = model.Network.Head(e);
            using var scaled = z.div(temperature);
            probabilities.Add(scaled.softmax(1));
        }
        using var mean = torch.stack(probabilities).mean(new long[] { 0 });
        using var expected = mean.log().mul_(temperature);
        using var expectedEmbedding = torch.stack(embeddings).mean(new long[] { 0 });
        Assert.True(outputs.allclose(expected, rtol: 1e-4, atol: 1e-4));
        Assert.True(embedding!.allclose(expectedEmbedding, rtol: 1e-4, atol: 1e-5));
        Assert.True(storedOutputs.allclose(outputs, rtol: 1e-4, atol: 1e-4)); // scored once for all rows = scored per batch
        Assert.True(storedEmbedding!.allclose(embedding, rtol: 1e-4, atol: 1e-5));
        using var single = model.Network!.Embed(x);
        Assert.False(embedding.allclose(single, rtol: 1e-3, atol: 1e-4)); // the views differ from the unshifted batch
        foreach (var tensor in probabilities.Concat(embeddings).Append(outputs).Append(embedding).Append(storedOutputs).Append(storedEmbedding)) tensor.Dispose();
    }

    [Fact]
    public void The_views_default_to_the_shift_the_teacher_was_trained_with()
    {
        Assert.Equal(1, DistillationWeights.TrainedShift(SmallCnn(augment: true).Artifact.Metadata));
        Assert.Equal(0, DistillationWeights.TrainedShift(SmallCnn(augment: false).Artifact.Metadata));
        var teacher = SmallCnn(augment: true);
        var student = Distiller.Run(new DistillationRequest
        {
            Data = Samples.Digits, Target = "digit", Teacher = teacher.Artifact, Seed = 2, Device = "cpu",
            Hyperparameters = Samples.Hp(("layers", 1), ("width", 16), ("epochs", 2)),
        });
        Assert.Equal(1L, Convert.ToInt64(student.Artifact.Metadata.Hyperparameters["teacher_views"], System.Globalization.CultureInfo.InvariantCulture));
    }
}
