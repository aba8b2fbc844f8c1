using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AIMass.Training.Training;

/// <summary>
/// Adam, AdamW and SGD (Nesterov momentum) over all parameters at once. The parameters are re-seated as views into
/// one flat buffer and their gradients as views into another, so backward accumulates straight into the flat
/// gradient and each update is a handful of tensor operations over every parameter together, instead of several per
/// parameter tensor. The arithmetic is PyTorch's: Adam adds <c>weight_decay * p</c> to the gradient (L2), AdamW
/// decays the weights by <c>1 - lr * weight_decay</c> (decoupled), both with bias correction and eps 1e-8 outside the
/// square root; SGD adds L2 decay, keeps <c>buf = momentum * buf + g</c> and steps along <c>g + momentum * buf</c>.
/// Gradients must never be set to none while it is in use (it zeroes them itself).
/// </summary>
internal sealed class FlatOptimizer : IDisposable
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8;
    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly string _kind;
    private readonly double _momentum;
    private readonly double _weightDecay;
    private readonly Tensor _flat;
    private readonly Tensor _grad;
    private readonly Tensor _first;
    private readonly Tensor? _second;
    private readonly Tensor _lerpWeight;
    private long _step;

    public FlatOptimizer(IReadOnlyList<Parameter> parameters, string kind, double momentum, double weightDecay)
    {
        if (parameters.Count == 0) throw new ArgumentException("There are no parameters to optimise.", nameof(parameters));
        _parameters = parameters;
        _kind = kind;
        _momentum = momentum;
        _weightDecay = weightDecay;
        var total = parameters.Sum(p => p.numel());
        var device = parameters[0].device;
        var dtype = parameters[0].dtype;
        if (parameters.Any(p => p.device.type != device.type || p.device.index != device.index || p.dtype != dtype)) throw new ArgumentException("All parameters must share one device and dtype.", nameof(parameters));
        _flat = torch.empty(total, dtype: dtype, device: device);
        _grad = torch.zeros(total, dtype: dtype, device: device);
        _first = torch.zeros(total, dtype: dtype, device: device);
        _second = kind == "sgd" ? null : torch.zeros(total, dtype: dtype, device: device);
        _lerpWeight = torch.tensor(1 - Beta1, dtype: dtype, device: device);
        using var _ = torch.no_grad();
        long offset = 0;
        foreach (var p in parameters)
        {
            var n = p.numel();
            using var slot = _flat.narrow(0, offset, n).view(p.shape);
            slot.copy_(p);
            p.set_(slot);
            p.grad = _grad.narrow(0, offset, n).view(p.shape);
            offset += n;
        }
    }

    /// <summary>The learning rate of the next step.</summary>
    public double LearningRate { get; set; }

    /// <summary>Zeroes every gradient (in place).</summary>
    public void ZeroGrad() => _grad.zero_();

    /// <summary>Scales the gradients so that their joint L2 norm is at most <paramref name="maxNorm"/> (no host sync).</summary>
    public void ClipGradNorm(double maxNorm)
    {
        using var norm = _grad.norm();
        using var eps = 1e-6.ToScalar();
        using var max = maxNorm.ToScalar();
        using var one = 1.0.ToScalar();
        using var factor = norm.add_(eps).reciprocal_().mul_(max).clamp_max_(one);
        _grad.mul_(factor);
    }

    /// <summary>One update of every parameter.</summary>
    public void Step()
    {
        using var _ = torch.no_grad();
        _step++;
        var lr = LearningRate;
        var grad = _grad;
        // Every Scalar is created here and held until the native call has returned: TorchSharp 0.107 lets an implicitly
        // converted Scalar be finalised while libtorch still reads it, which corrupts the update now and then.
        using var stepSize = (-lr).ToScalar();
        using var decay = _weightDecay.ToScalar();
        if (_kind == "sgd")
        {
            if (_weightDecay != 0) grad.add_(_flat, alpha: decay);
            if (_momentum == 0)
            {
                _flat.add_(grad, alpha: stepSize);
                return;
            }
            using var momentum = _momentum.ToScalar();
            using var one = 1.0.ToScalar();
            if (_step == 1) _first.copy_(grad);
            else _first.mul_(momentum).add_(grad, alpha: one);
            grad.add_(_first, alpha: momentum);
            _flat.add_(grad, alpha: stepSize);
            return;
        }
        if (_kind == "adamw")
        {
            using var shrink = (1 - lr * _weightDecay).ToScalar();
            if (_weightDecay != 0) _flat.mul_(shrink);
        }
        else if (_weightDecay != 0)
        {
            grad.add_(_flat, alpha: decay);
        }
        _first.lerp_(grad, _lerpWeight);
        using var beta2 = Beta2.ToScalar();
        using var oneMinusBeta2 = (1 - Beta2).ToScalar();
        _second!.mul_(beta2).addcmul_(grad, grad, value: oneMinusBeta2);
        // p -= lr / c1 * m / (sqrt(v) / sqrt(c2) + eps), with sqrt(c2) moved into the step size and eps (same value, one op fewer).
        var correction1 = 1 - Math.Pow(Beta1, _step);
        var root2 = Math.Sqrt(1 - Math.Pow(Beta2, _step));
        using var epsilon = (Eps * root2).ToScalar();
        using var update = (-lr * root2 / correction1).ToScalar();
        using var denominator = _second.sqrt().add_(epsilon);
        _flat.addcdiv_(_first, denominator, value: update);
    }

    /// <summary>Frees the optimizer state; the parameters keep their values (the flat storage lives on through them).</summary>
    public void Dispose()
    {
        foreach (var p in _parameters) p.grad = null;
        _flat.Dispose();
        _grad.Dispose();
        _first.Dispose();
        _second?.Dispose();
        _lerpWeight.Dispose();
    }
}
