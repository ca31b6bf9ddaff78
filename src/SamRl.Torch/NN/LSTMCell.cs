namespace SamRl.Torch.NN;

/// <summary>
/// PyTorch's LSTMCell: gates = x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh split into (i, f, g, o);
/// c' = σ(f)·c + σ(i)·tanh(g); h' = σ(o)·tanh(c'). Weights U(±1/√hidden), names weight_ih etc.
/// </summary>
public sealed class LSTMCell : Module
{
    public long input_size { get; }
    public long hidden_size { get; }
    public Tensor weight_ih { get; }
    public Tensor weight_hh { get; }
    public Tensor? bias_ih { get; }
    public Tensor? bias_hh { get; }

    public LSTMCell(long inputSize, long hiddenSize, bool hasBias = true, ScalarType? dtype = null, Device? device = null, Generator? generator = null)
    {
        input_size = inputSize;
        hidden_size = hiddenSize;
        weight_ih = RegisterParameter("weight_ih", torch.empty([4 * hiddenSize, inputSize], dtype, device));
        weight_hh = RegisterParameter("weight_hh", torch.empty([4 * hiddenSize, hiddenSize], dtype, device));
        if (hasBias)
        {
            bias_ih = RegisterParameter("bias_ih", torch.empty([4 * hiddenSize], dtype, device));
            bias_hh = RegisterParameter("bias_hh", torch.empty([4 * hiddenSize], dtype, device));
        }
        double k = 1 / Math.Sqrt(hiddenSize);
        foreach (var p in parameters()) init.uniform_(p, -k, k, generator);
    }

    /// <summary>
    /// One step. x [B, input], h and c [B, hidden] -> (h', c'). A fused native autograd function
    /// (src/native/samtorch/lstm_ops.cpp): two GEMMs into one gate buffer and one pointwise pass each way; equal, value
    /// and gradients, to <see cref="forward_reference"/>.
    /// </summary>
    public unsafe (Tensor h, Tensor c) forward(Tensor x, Tensor h, Tensor c)
    {
        var outs = stackalloc IntPtr[2];
        Native.LibSamTorch.Check(Native.LibSamTorch.st_lstm_cell(x.Handle, h.Handle, c.Handle, weight_ih.Handle, weight_hh.Handle,
            bias_ih?.Handle ?? IntPtr.Zero, bias_hh?.Handle ?? IntPtr.Zero, outs));
        return (new Tensor(outs[0]), new Tensor(outs[1]));
    }

    /// <summary>
    /// Every step of a sequence whose inputs are known up front: xs [T, B, input], h and c [B, hidden] -> (every
    /// step's h [T, B, hidden], the last c). Equal to T calls of <see cref="forward"/> (up to rounding: the input
    /// projections are one GEMM), and cheaper to train: the weight gradients are one GEMM over all T·B rows.
    /// </summary>
    public unsafe (Tensor hs, Tensor c) forward_sequence(Tensor xs, Tensor h, Tensor c)
    {
        var outs = stackalloc IntPtr[2];
        Native.LibSamTorch.Check(Native.LibSamTorch.st_lstm_sequence(xs.Handle, h.Handle, c.Handle, weight_ih.Handle, weight_hh.Handle,
            bias_ih?.Handle ?? IntPtr.Zero, bias_hh?.Handle ?? IntPtr.Zero, outs));
        return (new Tensor(outs[0]), new Tensor(outs[1]));
    }

    /// <summary>The same step written with plain ops (the definition <see cref="forward"/> is checked against).</summary>
    public (Tensor h, Tensor c) forward_reference(Tensor x, Tensor h, Tensor c)
    {
        using var scope = torch.NewDisposeScope();
        var gates = F.linear(x, weight_ih, bias_ih).add_(F.linear(h, weight_hh, bias_hh));
        var parts = gates.chunk(4, 1);
        var i = parts[0].sigmoid();
        var f = parts[1].sigmoid();
        var g = parts[2].tanh();
        var o = parts[3].sigmoid();
        var c2 = f * c + i * g;
        var h2 = o * c2.tanh();
        scope.MoveToOuter(h2, c2);
        return (h2, c2);
    }
}
