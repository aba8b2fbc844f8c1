namespace AIMass.Optimization.Samplers.Tpe;

/// <summary>How a multivariate <see cref="TpeSampler"/> sets the widths of its numeric kernels.</summary>
public enum TpeMultivariateBandwidth
{
    /// <summary>
    /// Optuna 3.1.0: Scott's rule as in BOHB, one width for every kernel of a parameter,
    /// 0.2 · n^(−1/(d+4)) · range for n observations of d jointly sampled parameters (then the magic clip).
    /// </summary>
    Scott,

    /// <summary>
    /// Optuna 5 (and Watanabe 2023, arXiv 2304.11127): per parameter, the univariate rule, each kernel as wide as the
    /// larger gap to its neighbouring observations (the domain's ends count as neighbours; the prior's centre does not),
    /// then the magic clip. Kernels stay products over the parameters, so the sampling is still joint.
    /// </summary>
    Neighbours,
}
