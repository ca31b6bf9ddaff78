namespace SamRl.Agents;

/// <summary>
/// Sizes of an agent. Defaults are the reference's: LSTM agent LSTMCell(F→512); STM agent LSTMCell(F→256), then
/// STM_rl(256→256, N=8, d=96, n_r=96, a=64, mlp 128). <see cref="MlpHidden"/> is the width of the vector encoder.
/// </summary>
public sealed record AgentOptions
{
    /// <summary>LSTM units of the LSTM agent (upstream A3Clstm: 512).</summary>
    public long LstmHidden { get; init; } = 512;

    /// <summary>LSTM units before the STM in the STM agent (A3CSAM: 256); also the STM's input and output size.</summary>
    public long StmLstmHidden { get; init; } = 256;

    /// <summary>STM N (n_q = n_kv).</summary>
    public long StmSlots { get; init; } = 8;

    /// <summary>STM d.</summary>
    public long StmSlotSize { get; init; } = 96;

    /// <summary>STM n_r.</summary>
    public long StmRelSize { get; init; } = 96;

    /// <summary>STM a.</summary>
    public long StmOutAttSize { get; init; } = 64;

    /// <summary>STM output MLP width.</summary>
    public long StmMlpSize { get; init; } = 128;

    /// <summary>Width of the MLP encoder for vector observations (and of the feed-forward agent's hidden layer).</summary>
    public long MlpHidden { get; init; } = 64;

    public static AgentOptions Reference { get; } = new();

    public void Validate()
    {
        foreach (var (v, name) in new[]
        {
            (LstmHidden, "lstm hidden"), (StmLstmHidden, "stm lstm hidden"), (StmSlots, "stm slots"), (StmSlotSize, "stm slot size"),
            (StmRelSize, "stm rel size"), (StmOutAttSize, "stm out att size"), (StmMlpSize, "stm mlp size"), (MlpHidden, "mlp hidden"),
        })
        {
            if (v <= 0) throw new ArgumentException($"agent {name} must be > 0, got {v}");
        }
    }
}
