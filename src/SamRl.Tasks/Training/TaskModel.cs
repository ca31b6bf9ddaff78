using SamRl.Memory;
using SamRl.Tasks.Data;
using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Tasks.Training;

/// <summary>
/// A recurrent core wrapped for a supervised task: an optional Embedding for token inputs, the core
/// (STM or LSTM), and an optional Linear head when the core's output is not already the task's
/// output (the STM cell has its own output MLP; the LSTM core outputs h).
/// </summary>
/// <remarks>
/// Parameter names: <c>embedding.weight</c>, <c>core.*</c>, <c>head.weight</c>/<c>head.bias</c>.
/// <see cref="Forward"/> runs the authors' loop: a fresh initial state per batch, one step per input
/// vector, then for bit tasks one all-zero step per target vector.
/// </remarks>
public sealed class TaskModel : TaskNetwork
{
    public TaskModel(RecurrentCore core, long outputSize, Embedding? embedding = null, Linear? head = null)
    {
        ArgumentNullException.ThrowIfNull(core);
        if (embedding is not null && embedding.embedding_dim != core.InputSize)
            throw new ArgumentException($"embedding width {embedding.embedding_dim} does not match the core's input size {core.InputSize}");
        var produced = head is null ? core.OutputSize : head.out_features;
        if (head is not null && head.in_features != core.OutputSize)
            throw new ArgumentException($"head input {head.in_features} does not match the core's output size {core.OutputSize}");
        if (produced != outputSize)
            throw new ArgumentException($"the model produces {produced} outputs per step but the task needs {outputSize}");

        if (embedding is not null) Embedding = RegisterModule("embedding", embedding);
        Core = RegisterModule("core", core);
        if (head is not null) Head = RegisterModule("head", head);
        OutputSize = outputSize;
    }

    /// <summary>
    /// The model <paramref name="config"/> asks for: STM with the config's sizes (its own output MLP
    /// produces the task's outputs) or an LSTM of <see cref="TaskConfig.LstmHidden"/> units with a
    /// Linear head; an Embedding first when the task's inputs are tokens. Weights are drawn from
    /// <paramref name="generator"/> so the same seed gives the same model.
    /// </summary>
    public static TaskModel Create(TaskConfig config, ITaskGenerator task, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(task);
        Embedding? embedding = task.InputKind == InputKind.Tokens
            ? new Embedding(task.InputSize, config.EmbeddingSize, generator: generator)
            : null;
        long coreInput = embedding?.embedding_dim ?? task.InputSize;
        RecurrentCore core;
        Linear? head = null;
        if (config.IsStm)
        {
            core = RecurrentCores.Create("stm", coreInput, task.OutputSize, StmOptionsFor(config), generator: generator);
        }
        else
        {
            core = config.LstmInit == TaskConfig.LstmInitAuthors
                ? LstmCore.AuthorsBaseline(coreInput, config.LstmHidden, generator: generator)
                : RecurrentCores.Create("lstm", coreInput, config.LstmHidden, generator: generator);
            head = new Linear(config.LstmHidden, task.OutputSize, generator: generator);
        }

        var model = new TaskModel(core, task.OutputSize, embedding, head);
        var device = config.TorchDevice();
        if (device.type != DeviceType.CPU) model.to(device);
        return model;
    }

    /// <summary>
    /// The STM hyper-parameters of <paramref name="config"/>, over <paramref name="basis"/>'s other settings (e.g. the bAbI
    /// preset's three-layer input projectors) when given.
    /// </summary>
    public static StmOptions StmOptionsFor(TaskConfig config, StmOptions? basis = null) => (basis ?? new StmOptions()) with
    {
        NumSlots = config.Slots,
        SlotSize = config.SlotSize,
        RelSize = config.RelSize,
        OutAttSize = config.OutAttSize,
        MlpSize = config.MlpSize,
        Steps = config.SamSteps,
        Gates = config.Gates,
        Alpha1 = config.Alpha1,
        Alpha2 = config.Alpha2,
        Alpha3 = config.Alpha3,
    };

    public Embedding? Embedding { get; }

    public RecurrentCore Core { get; }

    public Linear? Head { get; }

    public long OutputSize { get; }

    /// <summary>
    /// Logits for <paramref name="batch"/>: [T_out, B, O] for bit targets (before the sigmoid) and per-step class
    /// targets, or [B, C] for class targets (read at the last input step). Every temporary lands in the caller's
    /// dispose scope.
    /// </summary>
    public override Tensor Forward(SequenceBatch batch, Device device)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var b = batch.BatchSize;
        Tensor inputs;
        if (batch.InputKind == InputKind.Tokens)
        {
            if (Embedding is null) throw new InvalidOperationException("token inputs need a model with an embedding");
            var tokens = torch.tensor(batch.Tokens!, batch.InputSteps, b);
            if (device.type != DeviceType.CPU) tokens = tokens.to(device);
            inputs = Embedding.forward(tokens); // [T, B, E]
        }
        else
        {
            if (batch.InputSize != Core.InputSize)
                throw new ArgumentException($"batch has {batch.InputSize} input features, the core expects {Core.InputSize}");
            inputs = torch.tensor(batch.Inputs!, batch.InputSteps, b, batch.InputSize);
            if (device.type != DeviceType.CPU) inputs = inputs.to(device);
        }

        // Every input is known up front (the answer phase reads zeros), so the core runs the whole sequence at once.
        // Only the last input step's output is read (class targets), or the answer steps' (bit and per-step class targets).
        var state = Core.InitialState(b);
        if (batch.TargetKind == TargetKind.Class)
        {
            var (last, _) = Core.Unroll(inputs, state, batch.InputSteps - 1);
            return Project(last.select(0, 0));
        }

        var xs = torch.cat([inputs, torch.zeros([batch.OutputSteps, b, Core.InputSize], inputs.dtype, device)], 0);
        var (outputs, _) = Core.Unroll(xs, state, batch.InputSteps);
        return Project(outputs); // [T_out, B, O]
    }

    private Tensor Project(Tensor coreOutput) => Head is null ? coreOutput : Head.forward(coreOutput);
}
