using AIMass.Optimization.Numerics;

namespace AIMass.Optimization.Samplers.Gp;

/// <summary>
/// log EI for maximisation: EI = σ h(z), z = (μ − f*)/σ, h(z) = z Φ(z) + φ(z), computed without underflow far below
/// the incumbent (through the Mills ratio and its asymptotic series), with its derivatives in μ and σ.
/// </summary>
internal static class LogExpectedImprovement
{
    /// <summary>log EI and ∂/∂μ, ∂/∂σ of it.</summary>
    public static (double Value, double DMean, double DSigma) Evaluate(double mean, double sigma, double best)
    {
        var z = (mean - best) / sigma;
        double logH, phiOverH, cdfOverH;
        if (z > -1)
        {
            var cdf = Gaussian.Cdf(z);
            var pdf = Gaussian.Pdf(z);
            var h = z * cdf + pdf;
            logH = Math.Log(h);
            phiOverH = pdf / h;
            cdfOverH = cdf / h;
        }
        else
        {
            var t = -z;
            // 1 − t·M(t), M the Mills ratio Q(t)/φ(t).
            double oneMinusTm, mills;
            if (t < 25)
            {
                mills = Gaussian.Cdf(-t) / Gaussian.Pdf(t);
                oneMinusTm = 1 - t * mills;
            }
            else
            {
                var t2 = t * t;
                oneMinusTm = (1 - 3 / t2 + 15 / (t2 * t2)) / t2;
                mills = (1 - oneMinusTm) / t;
            }
            logH = -0.5 * t * t - Gaussian.LogSqrt2Pi + Math.Log(oneMinusTm);
            phiOverH = 1 / oneMinusTm;
            cdfOverH = mills / oneMinusTm;
        }
        return (Math.Log(sigma) + logH, cdfOverH / sigma, phiOverH / sigma);
    }
}
