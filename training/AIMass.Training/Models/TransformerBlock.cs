using AIMass.Training.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AIMass.Training.Models;

/// <summary>
/// A pre-norm transformer encoder block: <c>x + Attention(LN(x))</c>, then <c>x + MLP(LN(x))</c> (GELU), with
/// multi-head self-attention written out (so that its dropout can use the job's generator).
/// </summary>
internal sealed class TransformerBlock : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm norm1;
    private readonly Linear qkv;
    private readonly Linear projection;
    private readonly SeededDropout attentionDropout;
    private readonly LayerNorm norm2;
    private readonly Linear fc1;
    private readonly GELU gelu;
    private readonly Linear fc2;
    private readonly SeededDropout mlpDropout;
    private readonly int _heads;
    private readonly int _dim;

    public TransformerBlock(int dim, int heads, int mlpRatio, double dropout) : base(nameof(TransformerBlock))
    {
        _heads = heads;
        _dim = dim;
        norm1 = nn.LayerNorm(dim);
        qkv = nn.Linear(dim, 3L * dim);
        projection = nn.Linear(dim, dim);
        attentionDropout = new SeededDropout(dropout);
        norm2 = nn.LayerNorm(dim);
        fc1 = nn.Linear(dim, (long)dim * mlpRatio);
        gelu = nn.GELU();
        fc2 = nn.Linear((long)dim * mlpRatio, dim);
        mlpDropout = new SeededDropout(dropout);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var n = x.shape[0];
        var tokens = x.shape[1];
        var headDim = _dim / _heads;
        using var normed = norm1.call(x);
        using var packed = qkv.call(normed);
        using var split = packed.reshape(n, tokens, 3, _heads, headDim).permute(2, 0, 3, 1, 4);
        using var q = split[0];
        using var k = split[1];
        using var v = split[2];
        using var kt = k.transpose(-2, -1);
        using var scale = (1.0 / Math.Sqrt(headDim)).ToScalar();
        using var scores = q.matmul(kt).mul_(scale);
        using var weights = nn.functional.softmax(scores, -1);
        using var mixed = weights.matmul(v);
        using var merged = mixed.transpose(1, 2).reshape(n, tokens, _dim);
        using var projected = projection.call(merged);
        using var attended = attentionDropout.call(projected);
        using var y = x.add(attended, HeldScalars.One);
        using var normed2 = norm2.call(y);
        using var h1 = fc1.call(normed2);
        using var h2 = gelu.call(h1);
        using var h3 = fc2.call(h2);
        using var h4 = mlpDropout.call(h3);
        return y.add(h4, HeldScalars.One);
    }
}
