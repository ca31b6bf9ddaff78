using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Memory.Tests;

public class LstmCoreTests
{
    [Fact]
    public void MatchesLstmCellAndUsesPyTorchNames()
    {
        using var g1 = new Generator(1);
        using var core = new LstmCore(5, 7, generator: g1);
        Assert.Equal(new[] { "weight_ih", "weight_hh", "bias_ih", "bias_hh" }, core.named_parameters().Select(p => p.name));
        Assert.Equal(4 * 7 * (5 + 7) + 2 * 4 * 7, core.ParameterCount());
        using var cell = new LSTMCell(5, 7);
        cell.load_state_dict(core.state_dict());

        using var scope = torch.NewDisposeScope();
        var state = core.InitialState(3);
        Assert.Equal(new[] { "h", "c" }, state.Names);
        Tensor h = torch.zeros(3, 7), c = torch.zeros(3, 7);
        for (int t = 0; t < 3; t++)
        {
            var x = torch.randn([3, 5]);
            var (y, next) = core.Step(x, state);
            (h, c) = cell.forward(x, h, c);
            Assert.True(y.allclose(h, 1e-6, 1e-7));
            Assert.True(next["c"].allclose(c, 1e-6, 1e-7));
            Assert.True(y.equal(next["h"]));
            state = next;
        }
    }

    [Fact]
    public void ToFloat64KeepsTheCellInSync()
    {
        using var core = new LstmCore(2, 3);
        core.to(ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, core.Cell.weight_ih.dtype);
        using var scope = torch.NewDisposeScope();
        var (y, _) = core.Step(torch.zeros([1, 2], ScalarType.Float64), core.InitialState(1));
        Assert.Equal(ScalarType.Float64, y.dtype);
    }
}

public class RecurrentCoresTests
{
    [Fact]
    public void CreatesByName()
    {
        using var stm = RecurrentCores.Create("stm", 3, 2, TestUtil.Tiny);
        Assert.IsType<StmCell>(stm);
        Assert.Equal(2, stm.OutputSize);
        using var lstm = RecurrentCores.Create("LSTM", 3, 8);
        Assert.IsType<LstmCore>(lstm);
        Assert.Equal(8, lstm.OutputSize);
        var ex = Assert.Throws<ArgumentException>(() => RecurrentCores.Create("gru", 3, 2));
        Assert.Contains("stm, lstm", ex.Message);
    }
}
