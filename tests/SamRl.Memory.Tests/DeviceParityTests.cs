using SamRl.Memory.Diagnostics;
using SamRl.Torch;

namespace SamRl.Memory.Tests;

public class DeviceParityTests
{
    // On one device, float64 against float64 must agree to the last bit: the check's construction and data are
    // deterministic, so any difference `doctor --device` reports comes from the device.
    [Fact]
    public void SameDeviceFloat64AgreesExactly()
    {
        foreach (var core in RecurrentCores.Names)
        {
            var r = DeviceParity.Compare(core, ScalarType.Float64, Device.CPU, Device.CPU, 2, 3, 7);
            Assert.True(r.Ok, core);
            Assert.Equal(0, r.OutputDiff);
            Assert.Equal(0, r.GradDiff);
            Assert.Equal(DeviceParity.Float64Bound, r.GradBound);
        }
    }

    // Float32 is measured against float64 truth: a real rounding error, non-zero, within the bound derived from the
    // reference's own error (here the same device, so exactly at a tenth of it or at the floor).
    [Fact]
    public void SameDeviceFloat32HasRealRoundingErrorWithinItsBound()
    {
        foreach (var core in RecurrentCores.Names)
        {
            var r = DeviceParity.Compare(core, ScalarType.Float32, Device.CPU, Device.CPU, 2, 3, 7);
            Assert.True(r.Ok, $"{core}: {r}");
            Assert.InRange(r.OutputDiff, 1e-10, 1e-4);
            Assert.InRange(r.GradDiff, 1e-10, 1e-2);
            Assert.Equal(Math.Max(DeviceParity.Float32Slack * r.GradDiff, DeviceParity.Float32Floor), r.GradBound, 12);
        }
    }

    [Fact]
    public void CoversBothCoresAndBothDTypes()
    {
        var results = DeviceParity.Compare(Device.CPU, Device.CPU, batch: 2, steps: 2);
        Assert.Equal(4, results.Count);
        Assert.Equal(new[] { "float64", "float32" }, results.Select(r => r.DType).Distinct());
        Assert.All(results, r => Assert.NotEmpty(r.WorstParameter));
    }

    // The relational memory must take part (alphas set non-zero), else a broken SAM path on a device would go unseen:
    // its learned initial state gets a gradient only through the relational read.
    [Fact]
    public void TheRelationalMemoryIsExercised()
    {
        var r = DeviceParity.Compare("stm", ScalarType.Float32, Device.CPU, Device.CPU, 2, 3, 7);
        Assert.NotEqual("", r.WorstParameter);
        using var scope = torch.NewDisposeScope();
        using var gen = new Generator(11);
        using var cell = new StmCell(34, 32, StmOptions.Copy, ScalarType.Float64, generator: gen);
        using (torch.no_grad())
            foreach (var (name, p) in cell.named_parameters())
                if (name.StartsWith("alpha", StringComparison.Ordinal)) p.fill_(0.3);
        var state = cell.InitialState(2);
        Tensor? y = null;
        for (int t = 0; t < 3; t++) (y, state) = cell.Step(torch.randn([2, 34], gen).to(ScalarType.Float64), state);
        y!.sum().backward();
        var relational = cell.named_parameters().Single(p => p.name == "rel_memory_state_bias").parameter;
        Assert.True(relational.grad!.abs().sum().item() > 0);
    }
}
