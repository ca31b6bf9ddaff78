using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Tasks.Babi;

/// <summary>
/// The reference's InputModule: a sentence of word ids w_1..w_W becomes Σ_k Emb(w_k) ⊙ pos[k]. Emb is
/// vocabulary × E, U(±0.1), with no padding row, so padding words (id 0) add Emb(0) ⊙ pos[k] like any word;
/// pos is (max words, E), every entry 1/max words at the start, and learned.
/// </summary>
public sealed class BabiSentenceEncoder : Module
{
    public const double EmbeddingInitLimit = 0.1;

    private readonly Embedding _embed;
    private readonly Tensor _pos;

    public BabiSentenceEncoder(long vocabulary, long maxWords, long width = 64, Generator? generator = null)
    {
        if (maxWords < 1) throw new ArgumentOutOfRangeException(nameof(maxWords), maxWords, "sentences need at least one word");
        _embed = RegisterModule("word_embed", new Embedding(vocabulary, width, generator: generator));
        init.uniform_(_embed.weight, -EmbeddingInitLimit, EmbeddingInitLimit, generator);
        _pos = RegisterParameter("pos_embed", torch.full([maxWords, width], 1.0 / maxWords));
        Width = width;
        MaxWords = maxWords;
    }

    public long Width { get; }

    public long MaxWords { get; }

    public Embedding Embedding => _embed;

    public Tensor Positions => _pos;

    /// <summary>Word ids [..., W] (int64, W ≤ <see cref="MaxWords"/>) -> sentence encodings [..., E].</summary>
    public Tensor Encode(Tensor ids)
    {
        var w = ids.shape[^1];
        if (w > MaxWords) throw new ArgumentException($"sentences of {w} words exceed the {MaxWords} positions of the encoder");
        return _embed.forward(ids).mul(_pos.narrow(0, 0, w)).sum(-2);
    }
}
