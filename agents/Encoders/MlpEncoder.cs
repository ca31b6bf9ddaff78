using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Agents;

/// <summary>For vector observations [n]: Linear(n→h) → ReLU → Linear(h→h) → ReLU, layers <c>fc1</c>, <c>fc2</c>.</summary>
public sealed class MlpEncoder : Encoder
{
    private readonly Linear _fc1, _fc2;

    public MlpEncoder(long inputs, long hidden, Generator? generator = null)
        : base([inputs])
    {
        if (inputs <= 0 || hidden <= 0) throw new ArgumentException($"MlpEncoder({inputs}, {hidden}): sizes must be positive");
        _fc1 = new Linear(inputs, hidden, generator: generator);
        _fc2 = new Linear(hidden, hidden, generator: generator);
        Layers = [("fc1", _fc1), ("fc2", _fc2)];
        OutputSize = hidden;
    }

    public override long OutputSize { get; }

    public override IReadOnlyList<(string Name, Module Layer)> Layers { get; }

    public override Tensor Forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var h = _fc1.forward(x).relu_();
        return scope.MoveToOuter(_fc2.forward(h).relu_());
    }
}
