using SamRl.Memory;
using SamRl.Tasks.Data;
using SamRl.Tasks.Training;
using SamRl.Torch;

namespace SamRl.Tasks.Babi;

/// <summary>
/// The authors' bAbI model (qamodel.py QAmodel): sentence encodings (<see cref="BabiSentenceEncoder"/>) fed one per
/// step to an STM with the bAbI settings (N=20, d=90, n_r=96, f1/f2/f3 three linear layers of 80, α1 = 1, α2 learned,
/// α3 = 0), then <see cref="BabiReadout"/> on the final relational memory with the query encoding.
/// </summary>
/// <remarks>
/// Only Mr is read, so the cell runs <see cref="StmCell.Advance"/> (its output head is built, as in the reference,
/// but never computed and gets no gradient). Parameter names: input_module.*, update_module.*, infer_module.*.
/// </remarks>
public sealed class BabiStmModel : TaskNetwork
{
    public BabiStmModel(long vocabulary, long maxWords, StmOptions options, long symbolSize = 64, long readoutHidden = 80, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Encoder = RegisterModule("input_module", new BabiSentenceEncoder(vocabulary, maxWords, symbolSize, generator));
        Core = RegisterModule("update_module", new StmCell(symbolSize, symbolSize, options, generator: generator));
        Readout = RegisterModule("infer_module", new BabiReadout(symbolSize, readoutHidden, options.NumSlots, options.SlotSize, vocabulary, generator));
    }

    public BabiSentenceEncoder Encoder { get; }

    public StmCell Core { get; }

    public BabiReadout Readout { get; }

    public override Tensor Forward(SequenceBatch batch, Device device)
    {
        var (story, query) = BabiBatchLayout.WordIds(batch, device);
        var xs = Encoder.Encode(story); // [S, B, E]
        var state = Core.InitialState(batch.BatchSize);
        var steps = xs.shape[0];
        for (long t = 0; t < steps; t++) state = Core.Advance(xs.select(0, t), state);
        return Readout.Forward(Encoder.Encode(query), state["Mr"]);
    }
}
