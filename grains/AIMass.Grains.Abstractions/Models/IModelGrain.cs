using AIMass.Grains.Security;

namespace AIMass.Grains.Models;

/// <summary>
/// Serves one trained model (key <c>{tenant}/{study}/{trial}</c>); a stateless worker, so several
/// activations per silo share the load and each silo caches the loaded artifact.
/// </summary>
public interface IModelGrain : IGrainWithStringKey, ITenantScopedGrain
{
    /// <summary>The model's measurements and input schema.</summary>
    Task<ModelInfo> GetAsync();

    /// <summary>Predicts rows; a row missing a column the model needs is refused, naming the column.</summary>
    Task<PredictionResponse> PredictAsync(PredictionRequest request);

    /// <summary>The artifact (zip) bytes, for download.</summary>
    Task<byte[]> DownloadAsync();

    /// <summary>
    /// Loads the model into this silo's predictor cache ahead of its first prediction (the study calls it when the model
    /// leads a scenario); a model that cannot be loaded is left for the prediction to report.
    /// </summary>
    [SystemOnly, Orleans.Concurrency.OneWay]
    Task WarmAsync();
}
