using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Memory;

/// <summary>
/// LSTM baseline core: PyTorch's LSTMCell (<see cref="LSTMCell"/>) behind <see cref="RecurrentCore"/>. Its
/// parameters are registered at the top level with PyTorch's names (<c>weight_ih</c>, <c>weight_hh</c>,
/// <c>bias_ih</c>, <c>bias_hh</c>), so a <c>nn.LSTMCell</c> state dict loads as is. State: h, c (B, hidden);
/// output = h. <see cref="AuthorsBaseline"/> builds the LSTM of the authors' supervised tasks instead.
/// </summary>
public sealed class LstmCore : RecurrentCore
{
    private readonly LSTMCell _cell;
    private readonly Tensor? _h0;
    private readonly Tensor? _c0;

    public long HiddenSize { get; }
    public override long InputSize { get; }
    public override long OutputSize => HiddenSize;

    /// <summary>The wrapped cell (its tensors are this module's parameters).</summary>
    public LSTMCell Cell => _cell;

    /// <summary>True when the initial h and c are parameters (<c>lstm_h_bias</c>, <c>lstm_c_bias</c>) rather than zeros.</summary>
    public bool LearnsInitialState => _h0 is not null;

    /// <summary>
    /// The LSTM baseline of the authors' <c>run_toys.py</c> (their <c>LSTMBaseline</c>): weights U(±5/√(input+hidden)),
    /// biases 0, and a learned initial state <c>lstm_h_bias</c> / <c>lstm_c_bias</c> of shape (1, 1, hidden), drawn
    /// N(0, 0.05²), repeated over the batch. Their wider weight range (5× PyTorch's 1/√hidden at 34→512) is part
    /// of how their LSTM curves were made, so the task trainer uses it for <c>--model lstm</c>.
    /// </summary>
    public static LstmCore AuthorsBaseline(long inputSize, long hiddenSize, ScalarType? dtype = null, Device? device = null, Generator? generator = null) =>
        new(inputSize, hiddenSize, true, dtype, device, generator, authorsBaseline: true);

    public LstmCore(long inputSize, long hiddenSize, bool hasBias = true, ScalarType? dtype = null, Device? device = null, Generator? generator = null)
        : this(inputSize, hiddenSize, hasBias, dtype, device, generator, authorsBaseline: false)
    {
    }

    private LstmCore(long inputSize, long hiddenSize, bool hasBias, ScalarType? dtype, Device? device, Generator? generator, bool authorsBaseline)
    {
        if (inputSize <= 0 || hiddenSize <= 0) throw new ArgumentException($"LstmCore({inputSize}, {hiddenSize}): sizes must be positive");
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        _cell = new LSTMCell(inputSize, hiddenSize, hasBias, dtype, device, generator);
        // The cell is not registered as a child (that would prefix the names with "cell."): its parameter tensors
        // are registered here directly, so to(), state_dict() and Dispose() all act on the same tensor objects.
        foreach (var (name, p) in _cell.named_parameters()) RegisterParameter(name, p);
        if (!authorsBaseline) return;
        using (torch.no_grad())
        {
            double bound = 5 / Math.Sqrt(inputSize + hiddenSize);
            _cell.weight_ih.uniform_(-bound, bound, generator);
            _cell.weight_hh.uniform_(-bound, bound, generator);
            _cell.bias_ih?.zero_();
            _cell.bias_hh?.zero_();
        }
        _h0 = RegisterParameter("lstm_h_bias", torch.randn([1, 1, hiddenSize], generator, dtype, device).mul_(0.05));
        _c0 = RegisterParameter("lstm_c_bias", torch.randn([1, 1, hiddenSize], generator, dtype, device).mul_(0.05));
    }

    public override RecurrentState InitialState(long batch)
    {
        if (batch <= 0) throw new ArgumentException($"batch must be positive, got {batch}");
        if (_h0 is not null && _c0 is not null)
            return new RecurrentState(("h", _h0.view(1, HiddenSize).repeat(batch, 1)), ("c", _c0.view(1, HiddenSize).repeat(batch, 1)));
        var w = _cell.weight_ih;
        var h = torch.zeros([batch, HiddenSize], w.dtype, w.device);
        var c = torch.zeros([batch, HiddenSize], w.dtype, w.device);
        return new RecurrentState(("h", h), ("c", c));
    }

    public override (Tensor output, RecurrentState state) Step(Tensor x, RecurrentState state)
    {
        var xs = x.shape;
        if (xs.Length != 2 || xs[1] != InputSize) throw new ArgumentException($"LstmCore.Step: x must be (B, {InputSize}), got {x.ShapeString()}");
        var (h, c) = _cell.forward(x, state["h"], state["c"]);
        return (h, new RecurrentState(("h", h), ("c", c)));
    }

    /// <summary>One native sequence op (<see cref="LSTMCell.forward_sequence"/>) instead of T cell steps.</summary>
    public override (Tensor outputs, RecurrentState state) Unroll(Tensor xs, RecurrentState state, long readFrom = 0)
    {
        long steps = CheckUnroll(xs, readFrom);
        var (hs, c) = _cell.forward_sequence(xs, state["h"], state["c"]);
        var last = hs.select(0, steps - 1);
        return (readFrom == 0 ? hs : hs.narrow(0, readFrom, steps - readFrom), new RecurrentState(("h", last), ("c", c)));
    }
}
