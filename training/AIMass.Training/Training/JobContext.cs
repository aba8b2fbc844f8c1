using System.Diagnostics;
using AIMass.Training.Artifacts;
using AIMass.Training.Data;
using AIMass.Training.Metrics;
using AIMass.Training.Models;
using AIMass.Training.Preprocessing;
using AIMass.Training.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Training;

/// <summary>
/// What the pipeline and the distiller share: checking and splitting the data, fitting (or reusing) the
/// preprocessing, encoding the splits on the device, and at the end scoring, timing and packing the artifact.
/// </summary>
internal sealed class JobContext : IDisposable
{
    private JobContext(CsvTable data, string target, ImageShape? image, Device device, DataSplit split, TabularPreprocessor preprocessing,
        EncodedRows train, EncodedRows validation, EncodedRows? test, double validationFraction, double testFraction, int splitSeed)
    {
        Data = data;
        TargetColumn = target;
        Image = image;
        Device = device;
        Split = split;
        Preprocessing = preprocessing;
        Train = train;
        Validation = validation;
        Test = test;
        ValidationFraction = validationFraction;
        TestFraction = testFraction;
        SplitSeed = splitSeed;
    }

    public CsvTable Data { get; }
    public string TargetColumn { get; }
    public ImageShape? Image { get; }
    public Device Device { get; }
    public DataSplit Split { get; }
    public TabularPreprocessor Preprocessing { get; }
    public EncodedRows Train { get; }
    public EncodedRows Validation { get; }
    public EncodedRows? Test { get; }
    public double ValidationFraction { get; }
    public double TestFraction { get; }
    public int SplitSeed { get; }

    /// <summary>The rows that score epochs: validation, or training rows when there is no validation split.</summary>
    public EncodedRows ScoringRows => Validation.Count > 0 ? Validation : Train;

    public static JobContext Prepare(CsvTable? data, string? target, TaskKind? task, ImageShape? image, int threads, string? deviceName,
        int splitSeed, double validationFraction, double testFraction, TabularPreprocessor? preprocessing, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data, "Data");
        if (string.IsNullOrWhiteSpace(target)) throw new ArgumentException("Target must name a column.", "Target");
        if (threads < 1) throw new ArgumentOutOfRangeException("Threads", threads, "Threads must be at least 1.");
        image?.Validate();
        var device = DeviceSelector.Resolve(deviceName);
        DatasetValidator.Validate(data, target);
        var kind = task ?? preprocessing?.Target.Task ?? TaskDetector.Detect(data, target);
        ct.ThrowIfCancellationRequested();
        torch.set_num_threads(threads);
        var split = DataSplitter.Split(data, target, kind, validationFraction, testFraction, splitSeed);
        preprocessing ??= TabularPreprocessor.Fit(data, target, kind, split.Train, image);
        ct.ThrowIfCancellationRequested();
        return FromSplit(data, target, image, device, split, preprocessing, validationFraction, testFraction, splitSeed);
    }

    /// <summary>
    /// Encodes a given split with fitted preprocessing (the data already checked): one fold of a cross-validation, or a
    /// refit on every training row (no validation rows).
    /// </summary>
    public static JobContext FromSplit(CsvTable data, string target, ImageShape? image, Device device, DataSplit split, TabularPreprocessor preprocessing,
        double validationFraction, double testFraction, int splitSeed)
    {
        EncodedRows? train = null, validation = null, test = null;
        try
        {
            train = new EncodedRows(preprocessing, data, split.Train, device);
            validation = new EncodedRows(preprocessing, data, split.Validation, device);
            test = split.Test.Count > 0 ? new EncodedRows(preprocessing, data, split.Test, device) : null;
            return new JobContext(data, target, image, device, split, preprocessing, train, validation, test, validationFraction, testFraction, splitSeed);
        }
        catch
        {
            train?.Dispose();
            validation?.Dispose();
            test?.Dispose();
            throw;
        }
    }

    /// <summary>Scores the trained model, measures it and packs the artifact and outcome.</summary>
    public TrainingOutcome Finish(NetworkModel model, IReadOnlyDictionary<string, object> hyperparameters, TrainResult result, int seed,
        TeacherInfo? teacher, Stopwatch watch, CancellationToken ct)
    {
        var task = Preprocessing.Target.Task;
        var finished = new FinishedModel(model.Family, model.ParameterCount, model.EmbeddingSize,
            rows => Evaluator.Outputs(model, rows, task, ct),
            () => LatencyMeter.Measure(model, Device),
            () =>
            {
                using var buffer = new MemoryStream();
                model.save(buffer);
                return buffer.ToArray();
            });
        return Finish(finished, hyperparameters, result, seed, teacher, watch);
    }

    /// <summary>Scores any trained model, measures it and packs the artifact and outcome.</summary>
    public TrainingOutcome Finish(FinishedModel model, IReadOnlyDictionary<string, object> hyperparameters, TrainResult result, int seed,
        TeacherInfo? teacher, Stopwatch watch, string trainedAs = TrainingModes.Holdout, int folds = 0)
    {
        var target = Preprocessing.Target;
        var validationMetrics = Evaluator.Metrics(model.Outputs(ScoringRows), ScoringRows, target);
        var testMetrics = Test is null
            ? new Dictionary<string, double>()
            : Evaluator.Metrics(model.Outputs(Test), Test, target);
        var metricName = MetricNames.SelectionMetric(target.Task);
        var (latency1, latency256) = model.MeasureLatency();
        var weights = model.Weights();
        var metadata = new ArtifactMetadata
        {
            Family = model.Family,
            Task = target.Task,
            Target = TargetColumn,
            InputColumns = Preprocessing.InputColumns,
            DroppedColumns = Preprocessing.Dropped,
            Classes = target.Classes,
            Image = Image,
            FeatureCount = Preprocessing.FeatureCount,
            EmbeddingSize = model.EmbeddingSize,
            Hyperparameters = hyperparameters,
            MetricName = metricName,
            ValidationScore = validationMetrics.GetValueOrDefault(metricName, double.NaN),
            ValidationMetrics = validationMetrics,
            TestMetrics = testMetrics,
            ParameterCount = model.ParameterCount,
            LatencyMsPerRow = latency1,
            LatencyMsPerRowBatch256 = latency256,
            LatencyDevice = Device.ToString(),
            EpochsRun = result.EpochsRun,
            Seed = seed,
            SplitSeed = SplitSeed,
            ValidationFraction = ValidationFraction,
            TestFraction = TestFraction,
            TrainRows = Train.Count,
            ValidationRows = Validation.Count,
            TestRows = Test?.Count ?? 0,
            CreatedUtc = DateTimeOffset.UtcNow,
            Teacher = teacher,
            TrainedAs = trainedAs,
            Folds = folds,
        };
        var artifact = ModelArtifact.Create(metadata, Preprocessing, weights);
        return new TrainingOutcome
        {
            Task = target.Task,
            Family = model.Family,
            MetricName = metricName,
            ValidationScore = metadata.ValidationScore,
            ValidationMetrics = validationMetrics,
            TestMetrics = testMetrics,
            ParameterCount = metadata.ParameterCount,
            LatencyMsPerRow = latency1,
            LatencyMsPerRowBatch256 = latency256,
            ArtifactBytes = artifact.SizeBytes,
            EpochsRun = result.EpochsRun,
            BestEpoch = result.BestEpoch,
            StoppedByCallback = result.StoppedByCallback,
            StoppedEarly = result.StoppedEarly,
            Diverged = result.Diverged,
            Curve = result.Curve,
            Device = Device.ToString(),
            Seconds = watch.Elapsed.TotalSeconds,
            Artifact = artifact,
        };
    }

    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
        Test?.Dispose();
    }
}
