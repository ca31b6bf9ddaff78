using SamRl.Torch;
using SamRl.Torch.Serialization;

namespace SamRl.Memory.Tests;

public class StmParameterTests
{
    private static readonly string[] ReferenceNames =
    [
        "input_projector.fc1.weight", "input_projector.fc1.bias",
        "input_projector2.fc1.weight", "input_projector2.fc1.bias",
        "input_projector3.fc1.weight", "input_projector3.fc1.bias",
        "input_gate_projector.weight", "input_gate_projector.bias",
        "memory_gate_projector.weight", "memory_gate_projector.bias",
        "input_bias", "forget_bias",
        "qkv_projector.0.weight", "qkv_projector.0.bias",
        "qkv_layernorm.0.weight", "qkv_layernorm.0.bias",
        "rel_projector.weight", "rel_projector.bias",
        "rel_projector2.weight", "rel_projector2.bias",
        "rel_projector3.weight", "rel_projector3.bias",
        "mlp.0.weight", "mlp.0.bias", "mlp.2.weight", "mlp.2.bias",
        "out.weight", "out.bias",
        "alpha10", "alpha20", "alpha30",
        "item_memory_state_bias", "rel_memory_state_bias",
    ];

    [Fact]
    public void CopyConfigHasTheReferenceParameters()
    {
        // Reference §1.1: copy / priority sort STM(34 → 32, N=8, d=96, n_r=96, a=64, mlp 128) has 1,170,965 parameters.
        using var cell = new StmCell(34, 32, StmOptions.Copy);
        Assert.Equal(1_170_965, cell.ParameterCount());
        Assert.Equal(ReferenceNames.OrderBy(n => n, StringComparer.Ordinal), cell.named_parameters().Select(p => p.name).OrderBy(n => n, StringComparer.Ordinal));
        var sd = cell.state_dict();
        Assert.Equal(new long[] { 96, 34 }, sd["input_projector.fc1.weight"].shape);
        Assert.Equal(new long[] { 8, 34 }, sd["input_projector3.fc1.weight"].shape);
        Assert.Equal(new long[] { 192, 96 }, sd["memory_gate_projector.weight"].shape);
        Assert.Equal(new long[] { 24, 96 }, sd["qkv_projector.0.weight"].shape);
        Assert.Equal(new long[] { 96, 24 }, sd["qkv_layernorm.0.weight"].shape);
        Assert.Equal(new long[] { 96, 768 }, sd["rel_projector2.weight"].shape);
        Assert.Equal(new long[] { 96, 9216 }, sd["rel_projector.weight"].shape);
        Assert.Equal(new long[] { 64, 768 }, sd["rel_projector3.weight"].shape);
        Assert.Equal(new long[] { 32, 128 }, sd["out.weight"].shape);
        Assert.Equal(new long[] { 1 }, sd["alpha10"].shape);
        Assert.Empty(sd["input_bias"].shape);
        Assert.Equal(new long[] { 96, 96 }, sd["item_memory_state_bias"].shape);
        Assert.Equal(new long[] { 8, 96, 96 }, sd["rel_memory_state_bias"].shape);
    }

    [Fact]
    public void NthFarthestConfigCountsTheUnusedGateParameters()
    {
        // Reference §1.1: 2,012,813 for STM(40 → 8, d=128, rd=False). That figure includes the gate projectors and
        // gate biases (2·(128·256+256) + 2 = 66,050), which the reference creates even with the gates off.
        using var cell = new StmCell(40, 8, StmOptions.NthFarthest);
        Assert.Equal(2_012_813, cell.ParameterCount());
        Assert.Contains(cell.named_parameters(), p => p.name == "memory_gate_projector.weight");
    }

    [Fact]
    public void RarConfigHasFixedAlphas()
    {
        // Reference §1.1: RAR (N=16, d=72, n_r=72, α1=α2=0 fixed) has 684,259 parameters: only alpha30 is a parameter.
        using var cell = new StmCell(34, 32, StmOptions.Rar);
        Assert.Equal(684_259, cell.ParameterCount());
    }

    [Fact]
    public void RlPresetHasTheStmRlParameters()
    {
        // stm_rl as the A3C builds it: STM_rl(256 → 256). Per-row QKV LayerNorm (3N), layernorm2 (a), and the dead
        // f2, f3, α1, α2, rel_memory_state_bias are still parameters: 1,239,829. With the conv encoder (96,224),
        // LSTMCell(1024→256) (1,312,768) and the actor/critic heads (3,591) that is the reference's 2,652,412.
        using var cell = new StmCell(256, 256, StmOptions.RlReference);
        Assert.Equal(1_239_829, cell.ParameterCount());
        Assert.Equal(2_652_412, cell.ParameterCount() + 96_224 + 1_312_768 + 3_591);
        var sd = cell.state_dict();
        Assert.Equal(new long[] { 24 }, sd["qkv_layernorm.0.weight"].shape);
        Assert.Equal(new long[] { 64 }, sd["layernorm2.weight"].shape);
        Assert.Equal(new long[] { 64 }, sd["layernorm2.bias"].shape);
        Assert.Equal(ReferenceNames.Concat(["layernorm2.weight", "layernorm2.bias"]).OrderBy(n => n, StringComparer.Ordinal),
            sd.Keys.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void BabiPresetUsesTheThreeLayerInputProjectors()
    {
        using var cell = new StmCell(64, 64, StmOptions.Babi);
        var names = cell.named_parameters().Select(p => p.name).ToHashSet();
        Assert.Contains("input_projector.fc2h.0.weight", names);
        Assert.Contains("input_projector3.fc3.weight", names);
        Assert.Contains("alpha20", names);
        Assert.DoesNotContain("alpha10", names);
        Assert.DoesNotContain("alpha30", names);
    }

    [Fact]
    public void StateDictRoundTripsThroughSafetensors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"stm-{Guid.NewGuid():N}.safetensors");
        try
        {
            using var a = TestUtil.TinyCell(TestUtil.Tiny, seed: 21);
            using var b = TestUtil.TinyCell(TestUtil.Tiny, seed: 22);
            a.SaveStateDict(path);
            b.LoadStateDict(path);
            var sa = a.state_dict();
            foreach (var (name, t) in b.state_dict())
                Assert.True(t.equal(sa[name]), $"{name} differs after load");

            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var x = TestUtil.Randn([2, 3], 5);
            var (ya, _) = a.Step(x, a.InitialState(2));
            var (yb, _) = b.Step(x, b.InitialState(2));
            Assert.True(ya.equal(yb));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadAcceptsScalarsSavedAsOneElementVectors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"stm-{Guid.NewGuid():N}.safetensors");
        try
        {
            using var a = TestUtil.TinyCell(TestUtil.Tiny, seed: 23);
            using var scope = torch.NewDisposeScope();
            var sd = a.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value);
            sd["input_bias"] = sd["input_bias"].reshape(1);
            sd["forget_bias"] = sd["forget_bias"].reshape(1);
            SafeTensors.Save(path, sd);
            using var b = TestUtil.TinyCell(TestUtil.Tiny, seed: 24);
            b.LoadStateDict(path);
            Assert.Equal(a.state_dict()["forget_bias"].item(), b.state_dict()["forget_bias"].item());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadReportsMissingUnexpectedAndMisshapedEntries()
    {
        var path = Path.Combine(Path.GetTempPath(), $"stm-{Guid.NewGuid():N}.safetensors");
        try
        {
            using var a = new StmCell(3, 2, TestUtil.Tiny);
            using var scope = torch.NewDisposeScope();
            var sd = a.state_dict().Where(kv => kv.Key != "alpha20").ToDictionary(kv => kv.Key, kv => kv.Value);
            sd["extra.weight"] = torch.zeros(2);
            sd["rel_projector.weight"] = torch.zeros(3, 17);
            SafeTensors.Save(path, sd);
            using var b = new StmCell(3, 2, TestUtil.Tiny);
            var ex = Assert.Throws<InvalidDataException>(() => b.LoadStateDict(path));
            Assert.Contains("missing [alpha20]", ex.Message);
            Assert.Contains("unexpected [extra.weight]", ex.Message);
            Assert.Contains("rel_projector.weight: file [3, 17], expected [3, 16]", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ConvertsToFloat64()
    {
        using var cell = new StmCell(3, 2, TestUtil.Tiny);
        cell.to(ScalarType.Float64);
        Assert.All(cell.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
        using var scope = torch.NewDisposeScope();
        var (y, s) = cell.Step(torch.zeros([2, 3], ScalarType.Float64), cell.InitialState(2));
        Assert.Equal(ScalarType.Float64, y.dtype);
        Assert.Equal(ScalarType.Float64, s["Mr"].dtype);
    }
}
