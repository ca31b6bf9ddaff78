using SamRl.Torch.Native;

namespace SamRl.Torch.NN;

/// <summary>
/// torch.nn.Embedding: a lookup table weight [num_embeddings, embedding_dim] initialised N(0, 1).
/// With padding_idx, that row starts at zero and receives no gradient. Indices are int64 of any shape;
/// the output has shape indices.shape + [embedding_dim].
/// </summary>
public sealed class Embedding : Module<Tensor, Tensor>
{
    public long num_embeddings { get; }
    public long embedding_dim { get; }
    /// <summary>The padding row (normalised to be non-negative), or null.</summary>
    public long? padding_idx { get; }
    public Tensor weight { get; }

    public Embedding(long numEmbeddings, long embeddingDim, long? paddingIdx = null, ScalarType? dtype = null, Device? device = null, Generator? generator = null)
    {
        if (numEmbeddings <= 0 || embeddingDim <= 0) throw new ArgumentException($"Embedding({numEmbeddings}, {embeddingDim}): sizes must be positive");
        if (paddingIdx.HasValue)
        {
            long pi = paddingIdx.Value;
            if (pi >= numEmbeddings || pi < -numEmbeddings) throw new ArgumentException($"Embedding: padding_idx {pi} must be within num_embeddings {numEmbeddings}");
            padding_idx = pi < 0 ? pi + numEmbeddings : pi;
        }
        num_embeddings = numEmbeddings;
        embedding_dim = embeddingDim;
        weight = RegisterParameter("weight", torch.empty([numEmbeddings, embeddingDim], dtype, device));
        init.normal_(weight, 0, 1, generator);
        if (padding_idx.HasValue)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            weight.select(0, padding_idx.Value).fill_(0);
        }
    }

    public override Tensor forward(Tensor input) => new(LibSamTorch.st_embedding_ex(weight.Handle, input.Handle, padding_idx ?? -1));
}
