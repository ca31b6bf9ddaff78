using SamRl.Memory;
using SamRl.Torch;

namespace SamRl.Agents;

/// <summary>
/// Builds an agent by name for an observation shape: an image [C, H, W] gets the authors' <see cref="ConvEncoder"/>,
/// a vector [n] an <see cref="MlpEncoder"/>. Weights start as the reference initialises them (<see cref="ReferenceInit"/>).
/// </summary>
public static class AgentFactory
{
    public const string Lstm = "lstm";
    public const string Stm = "stm";
    public const string FeedForward = "ff";

    public static IReadOnlyList<string> Names { get; } = [Lstm, Stm, FeedForward];

    public static ActorCritic Create(string kind, IReadOnlyList<int> observationShape, int actionCount, AgentOptions? options = null, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        options ??= AgentOptions.Reference;
        options.Validate();
        string name = kind.Trim().ToLowerInvariant();
        if (!Names.Contains(name)) throw new ArgumentException($"unknown agent '{kind}'; valid agents: {string.Join(", ", Names)}");
        var encoder = CreateEncoder(observationShape, options, generator);
        ActorCritic agent = name switch
        {
            Lstm => new LstmAgent(encoder, actionCount, options.LstmHidden, generator),
            FeedForward => new FeedForwardAgent(encoder, actionCount, generator),
            _ => new StmAgent(encoder, actionCount, options.StmLstmHidden, options.StmLstmHidden, StmOptionsFor(options), generator),
        };
        ReferenceInit.Apply(agent, generator);
        return agent;
    }

    /// <summary>The RL STM preset with the sizes of <paramref name="options"/>.</summary>
    public static StmOptions StmOptionsFor(AgentOptions options) => StmOptions.RlReference with
    {
        NumSlots = options.StmSlots,
        SlotSize = options.StmSlotSize,
        RelSize = options.StmRelSize,
        OutAttSize = options.StmOutAttSize,
        MlpSize = options.StmMlpSize,
    };

    private static Encoder CreateEncoder(IReadOnlyList<int> shape, AgentOptions options, Generator? generator) => shape.Count switch
    {
        3 => new ConvEncoder(shape[0], shape[1], shape[2], generator),
        1 => new MlpEncoder(shape[0], options.MlpHidden, generator),
        _ => throw new ArgumentException($"no encoder for observations of shape [{string.Join(", ", shape)}]: agents take images [C, H, W] or vectors [n]"),
    };
}
