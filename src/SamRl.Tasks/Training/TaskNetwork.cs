using SamRl.Tasks.Data;
using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Tasks.Training;

/// <summary>
/// What <see cref="TaskTrainer"/> trains: a module that turns a batch into logits. <see cref="TaskModel"/> (one
/// recurrent core over the steps) is the usual one; a task whose inputs need their own model (bAbI's sentence
/// encoding and read-out) supplies it through <see cref="ITaskNetworkFactory"/>.
/// </summary>
public abstract class TaskNetwork : Module
{
    /// <summary>
    /// Logits for <paramref name="batch"/>: [T_out, B, O] for bit targets (before the sigmoid), or [B, C] for class
    /// targets. Every temporary lands in the caller's dispose scope.
    /// </summary>
    public abstract Tensor Forward(SequenceBatch batch, Device device);
}
