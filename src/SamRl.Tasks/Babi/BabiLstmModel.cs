using SamRl.Memory;
using SamRl.Tasks.Data;
using SamRl.Tasks.Training;
using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Tasks.Babi;

/// <summary>
/// LSTM baseline on the same inputs (not in the authors' code): the same sentence encodings fed one per step to an
/// LSTM core, then Linear([h_S ; q] -> vocabulary) on the final hidden state h_S concatenated with the query encoding q.
/// </summary>
public sealed class BabiLstmModel : TaskNetwork
{
    public BabiLstmModel(long vocabulary, long maxWords, LstmCore core, long symbolSize = 64, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(core);
        if (core.InputSize != symbolSize) throw new ArgumentException($"the LSTM core takes {core.InputSize} inputs, the sentence encoding is {symbolSize} wide");
        Encoder = RegisterModule("input_module", new BabiSentenceEncoder(vocabulary, maxWords, symbolSize, generator));
        Core = RegisterModule("core", core);
        Head = RegisterModule("head", new Linear(core.HiddenSize + symbolSize, vocabulary, generator: generator));
    }

    public BabiSentenceEncoder Encoder { get; }

    public LstmCore Core { get; }

    public Linear Head { get; }

    public override Tensor Forward(SequenceBatch batch, Device device)
    {
        var (story, query) = BabiBatchLayout.WordIds(batch, device);
        var xs = Encoder.Encode(story); // [S, B, E]
        var (last, _) = Core.Unroll(xs, Core.InitialState(batch.BatchSize), xs.shape[0] - 1);
        return Head.forward(torch.cat([last.select(0, 0), Encoder.Encode(query)], 1));
    }
}
