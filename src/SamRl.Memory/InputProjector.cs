using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Memory;

/// <summary>
/// f1 / f2 / f3 of the STM (the authors' <c>MLP</c> class). With <c>hidden ≤ 0</c> it is one Linear(in→out)
/// named <c>fc1</c>; with <c>hidden &gt; 0</c> it is Linear(in→h) <c>fc1</c> → Linear(h→h) <c>fc2h.0</c> →
/// Linear(h→out) <c>fc3</c>, with no activations between them (as in the reference).
/// </summary>
public sealed class InputProjector : Module<Tensor, Tensor>
{
    public Linear fc1 { get; }
    public Linear? fc2h { get; }
    public Linear? fc3 { get; }

    public InputProjector(long inFeatures, long outFeatures, long hidden = -1, ScalarType? dtype = null, Device? device = null, Generator? generator = null)
    {
        if (hidden <= 0)
        {
            fc1 = RegisterModule("fc1", new Linear(inFeatures, outFeatures, true, dtype, device, generator));
            return;
        }
        fc1 = RegisterModule("fc1", new Linear(inFeatures, hidden, true, dtype, device, generator));
        fc2h = new Linear(hidden, hidden, true, dtype, device, generator);
        // The reference's ModuleList([Linear]*1): one module at index 0.
        RegisterModule("fc2h", new Sequential(fc2h));
        fc3 = RegisterModule("fc3", new Linear(hidden, outFeatures, true, dtype, device, generator));
    }

    public override Tensor forward(Tensor input)
    {
        if (fc2h is null) return F.linear(input, fc1.weight, fc1.bias);
        using var scope = torch.NewDisposeScope();
        var h = F.linear(input, fc1.weight, fc1.bias);
        h = F.linear(h, fc2h.weight, fc2h.bias);
        return scope.MoveToOuter(F.linear(h, fc3!.weight, fc3.bias));
    }
}
