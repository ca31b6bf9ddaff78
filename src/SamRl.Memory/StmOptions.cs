namespace SamRl.Memory;

/// <summary>How the SAM query/key/value matrix (d × 3N per batch item) is layer-normalised.</summary>
public enum QkvNorm
{
    /// <summary>One mean/variance over all d·3N entries, affine (d, 3N): <c>stm_basic.py</c> (LayerNorm([d, 3N])).</summary>
    WholeMatrix,

    /// <summary>Each of the d rows normalised over its 3N entries, affine (3N): <c>stm_rl.py</c> (LayerNorm([3N])).</summary>
    PerRow,
}

/// <summary>
/// Hyper-parameters of <see cref="StmCell"/>. Defaults are the authors' <c>STM(...)</c> defaults
/// (d=96, N=n_q=n_kv=8, n_r=96, a=64, mlp 128, one SAM step, gates on, learnable α's starting at 0,
/// learned initial memories, whole-matrix QKV LayerNorm, no output LayerNorm, relational memory carried).
/// </summary>
public sealed record StmOptions
{
    /// <summary>d: item memory is d×d, relational memory N×d×d (<c>slot_size</c>).</summary>
    public long SlotSize { get; init; } = 96;

    /// <summary>N = n_q = n_kv (<c>num_slot</c>).</summary>
    public long NumSlots { get; init; } = 8;

    /// <summary>n_r: width of G2 (<c>rel_size</c>).</summary>
    public long RelSize { get; init; } = 96;

    /// <summary>a: width of o_t, the output of G3 (<c>out_att_size</c>).</summary>
    public long OutAttSize { get; init; } = 64;

    /// <summary>Width of the 2-layer ReLU output head (<c>mlp_size</c>).</summary>
    public long MlpSize { get; init; } = 128;

    /// <summary>SAM steps per time step (<c>step</c>); the QKV projector, its LayerNorm and the α's are shared across steps.</summary>
    public int Steps { get; init; } = 1;

    /// <summary>Gated item-memory write (<c>rd=True</c>). Off: Mi ← Mi + f1⊗f1. The gate parameters exist either way (as in the reference).</summary>
    public bool Gates { get; init; } = true;

    /// <summary>α1 (decay of the old relational memory): null = learnable parameter <c>alpha10</c> (init 0), else a fixed value.</summary>
    public double? Alpha1 { get; init; }

    /// <summary>α2 (weight of the relational read v_r⊗f2 in the SAM input): null = learnable <c>alpha20</c> (init 0), else fixed.</summary>
    public double? Alpha2 { get; init; }

    /// <summary>α3 (weight of the transfer G1(SAM) into the item memory): null = learnable <c>alpha30</c> (init 0), else fixed.</summary>
    public double? Alpha3 { get; init; }

    /// <summary>Learned initial memories (<c>item_memory_state_bias</c>, <c>rel_memory_state_bias</c>); off: zeros, no parameters.</summary>
    public bool LearnInitialMemories { get; init; } = true;

    public QkvNorm QkvNorm { get; init; } = QkvNorm.WholeMatrix;

    /// <summary>LayerNorm(a) on o_t before the output head (<c>layernorm2</c> of <c>stm_rl.py</c>).</summary>
    public bool OutputNorm { get; init; }

    /// <summary>
    /// Carry the relational memory across time steps and read it (Eq. 11-12). Off (the RL variant, which the A3C
    /// always calls with Mr=None): Mr = this step's SAM output, no Mr read; f2, f3, α1, α2 and
    /// <c>rel_memory_state_bias</c> stay as (dead) parameters so the authors' state dict still loads.
    /// </summary>
    public bool CarryRelationalMemory { get; init; } = true;

    /// <summary>
    /// <c>mlp_hid</c>: ≤ 0 (default) makes f1/f2/f3 one Linear each (<c>fc1</c>); h &gt; 0 makes them
    /// Linear(I→h) → Linear(h→h) → Linear(h→out) without activations (<c>fc1</c>, <c>fc2h.0</c>, <c>fc3</c>).
    /// </summary>
    public long InputMlpHidden { get; init; } = -1;

    /// <summary>The authors' defaults (<c>stm_basic.py</c>): also the copy and priority-sort setting.</summary>
    public static StmOptions Reference => new();

    /// <summary><c>stm_rl.py</c> as the A3C uses it: per-row QKV norm, output LayerNorm, relational memory not carried.</summary>
    public static StmOptions RlReference => new() { QkvNorm = QkvNorm.PerRow, OutputNorm = true, CarryRelationalMemory = false };

    /// <summary>Copy task (<c>tasks/copy.json</c>): the defaults.</summary>
    public static StmOptions Copy => new();

    /// <summary>Priority sort: the defaults.</summary>
    public static StmOptions PrioritySort => new();

    /// <summary>Nth-farthest (<c>nfar.json</c>): d=128, gates off (its <c>"rd"</c> key disables them), α's learnable.</summary>
    public static StmOptions NthFarthest => new() { SlotSize = 128, Gates = false };

    /// <summary>RAR (<c>rar.json</c>, last duplicate keys win): N=16, d=72, n_r=72, α1=0 and α2=0 fixed, α3 learnable.</summary>
    public static StmOptions Rar => new() { NumSlots = 16, SlotSize = 72, RelSize = 72, Alpha1 = 0, Alpha2 = 0 };

    /// <summary>bAbI (<c>qamodel.py</c>): N=20, d=90, n_r=96, mlp_hid=80, α1=1 fixed (accumulate), α2 learnable, α3=0 (no transfer).</summary>
    public static StmOptions Babi => new() { NumSlots = 20, SlotSize = 90, RelSize = 96, InputMlpHidden = 80, Alpha1 = 1, Alpha3 = 0 };

    /// <summary>Associative retrieval (<c>run_nar.py</c>): N=2 (the paper says n_q=1), d=96, n_r=96, α's learnable.</summary>
    public static StmOptions Nar => new() { NumSlots = 2 };

    /// <summary>Throws ArgumentException on sizes that cannot build a cell.</summary>
    public void Validate()
    {
        void Positive(long v, string name)
        {
            if (v <= 0) throw new ArgumentException($"StmOptions.{name} must be positive, got {v}");
        }
        Positive(SlotSize, nameof(SlotSize));
        Positive(NumSlots, nameof(NumSlots));
        Positive(RelSize, nameof(RelSize));
        Positive(OutAttSize, nameof(OutAttSize));
        Positive(MlpSize, nameof(MlpSize));
        Positive(Steps, nameof(Steps));
    }
}
