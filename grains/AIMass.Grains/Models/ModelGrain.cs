using AIMass.Grains.Artifacts;
using AIMass.Grains.Security;
using AIMass.Grains.Studies;
using AIMass.Training.Data;
using Orleans.Concurrency;

namespace AIMass.Grains.Models;

/// <summary>
/// Serves one trained model. A stateless worker: activations on each silo share that silo's
/// <see cref="PredictorCache"/>, so the artifact is loaded once per silo; prediction runs off the grain turn.
/// </summary>
[StatelessWorker]
public sealed class ModelGrain(PredictorCache cache, IArtifactStore artifacts) : Grain, IModelGrain
{
    /// <summary>Most rows one call may predict.</summary>
    public const int MaxRows = 10_000;

    private string Key => this.GetPrimaryKeyString();

    public async Task<ModelInfo> GetAsync()
    {
        var (study, trial) = await TrialAsync();
        using var lease = await cache.LeaseAsync(trial.ArtifactPath!);
        var predictor = lease.Predictor;
        return new ModelInfo
        {
            ModelId = Key,
            Trial = trial,
            Target = study.Spec.Target,
            Task = study.Task,
            InputColumns = predictor.InputColumns.ToArray(),
            Classes = predictor.Classes.ToArray(),
        };
    }

    public async Task<PredictionResponse> PredictAsync(PredictionRequest request)
    {
        if (request.Rows.Length == 0) throw ServiceException.Invalid("No rows to predict.", [new FieldError(null, "rows", "is empty")]);
        if (request.Rows.Length > MaxRows) throw ServiceException.Invalid($"{request.Rows.Length} rows in one call; the limit is {MaxRows}.", [new FieldError(null, "rows", $"more than {MaxRows}")]);
        var (study, trial) = await TrialAsync();
        using var lease = await cache.LeaseAsync(trial.ArtifactPath!);
        var predictor = lease.Predictor;
        var missing = predictor.InputColumns.Where(c => request.Rows.Any(r => !r.ContainsKey(c))).ToList();
        if (missing.Count > 0)
        {
            var row = Array.FindIndex(request.Rows, r => !r.ContainsKey(missing[0])) + 1;
            throw ServiceException.Invalid($"Row {row} has no column '{missing[0]}'; the model needs: {string.Join(", ", predictor.InputColumns)}.",
                missing.Select(c => new FieldError(Array.FindIndex(request.Rows, r => !r.ContainsKey(c)) + 1, c, "column is missing")).ToArray());
        }
        try
        {
            var rows = request.Rows.Select(r => (IReadOnlyDictionary<string, string?>)r).ToList();
            var result = await Task.Run(() => predictor.Predict(rows));
            return new PredictionResponse
            {
                ModelId = Key,
                Target = study.Spec.Target,
                Task = study.Task,
                Rows = result.Rows.Select(r => new PredictionRow(r.Label, r.Value, r.Probabilities?.ToDictionary(kv => kv.Key, kv => kv.Value))).ToArray(),
            };
        }
        catch (DataValidationException e)
        {
            throw ServiceException.Invalid($"The rows were refused: {e.Message}", e.Errors.Select(x => new FieldError(x.Row, x.Column, x.Message)).ToArray());
        }
        catch (ArgumentException e)
        {
            throw ServiceException.Invalid($"The rows were refused: {e.Message}");
        }
    }

    public async Task WarmAsync()
    {
        try
        {
            var (_, trial) = await TrialAsync();
            using var _ = await cache.LeaseAsync(trial.ArtifactPath!);
        }
        catch (Exception e) when (e is ServiceException or IOException or InvalidDataException)
        {
            // Not servable (gone, or unreadable): the first prediction reports it to whoever asks.
        }
    }

    public async Task<byte[]> DownloadAsync()
    {
        var (_, trial) = await TrialAsync();
        return await artifacts.ReadAllBytesAsync(trial.ArtifactPath!);
    }

    private async Task<(StudyInfo Study, TrialSummary Trial)> TrialAsync()
    {
        var (tenant, studyId, number) = GrainKeys.SplitTrial(Key);
        var studyGrain = GrainFactory.GetGrain<IStudyGrain>(GrainKeys.Scoped(tenant, studyId));
        var study = await studyGrain.GetAsync();
        var trial = (await studyGrain.GetTrialsAsync()).FirstOrDefault(t => t.Number == number);
        if (trial is null || trial.Status != TrialStatus.Complete || trial.ArtifactPath is null)
        {
            throw ServiceException.NotFound($"Model of trial {number} in study '{studyId}' (only complete trials have models)");
        }
        return (study, trial);
    }
}
