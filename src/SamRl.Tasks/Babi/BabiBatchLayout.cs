using SamRl.Tasks.Data;
using SamRl.Torch;

namespace SamRl.Tasks.Babi;

/// <summary>Reads a bAbI batch (see <see cref="BabiTask"/>) back as int64 word-id tensors on the model's device.</summary>
public static class BabiBatchLayout
{
    /// <summary>story [S, B, W] and query [B, W], int64.</summary>
    public static (Tensor story, Tensor query) WordIds(SequenceBatch batch, Device device)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.InputKind != InputKind.Dense || batch.Inputs is null || batch.InputSteps < 2)
            throw new ArgumentException("a bAbI batch holds word ids as dense [S + 1, B, W] inputs with at least one story step");
        var ids = torch.tensor(batch.Inputs, batch.InputSteps, batch.BatchSize, batch.InputSize).to(ScalarType.Int64);
        if (device.type != DeviceType.CPU) ids = ids.to(device);
        var s = batch.InputSteps - 1;
        return (ids.narrow(0, 0, s), ids.select(0, s));
    }
}
