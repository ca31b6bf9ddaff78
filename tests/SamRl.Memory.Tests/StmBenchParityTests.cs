using SamRl.Memory.Benchmarks;
using SamRl.Torch;
using SamRl.Torch.NN;
using SamRl.Torch.Serialization;

namespace SamRl.Memory.Tests;

/// <summary>
/// The start `samrl bench parity` hands to the authors' code: every weight under the authors' module name and shape,
/// the batch under batch.*, in the asked dtype; and the SamRl side of the run is repeatable bit for bit.
/// </summary>
public sealed class StmBenchParityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("samrl-parity-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string, long[], string> Batches => new()
    {
        { "stm-copy", "batch.bits", [20, 128, 32], "F64" },
        { "stm-nfar", "batch.inputs", [8, 128, 40], "F64" },
        { "stm-nfar", "batch.labels", [128], "I64" },
        { "stm-ar30", "batch.tokens", [31, 128], "I64" }, // time-major, as run_nar.py feeds them
        { "stm-ar30", "batch.labels", [128], "I64" },
    };

    [Theory]
    [MemberData(nameof(Batches))]
    public void TheStartHoldsTheWeightsUnderTheAuthorsNamesAndTheBatch(string config, string batchName, long[] shape, string dtype)
    {
        string path = Path.Combine(_dir, config + ".safetensors");
        Assert.Empty(StmBench.RunForParity(config, 0, path));
        var info = SafeTensors.ReadInfo(path).ToDictionary(i => i.Name);
        Assert.Equal(shape, info[batchName].Shape);
        Assert.Equal(dtype, info[batchName].DType);

        using var cell = config switch
        {
            "stm-copy" => new StmCell(34, 32, StmOptions.Copy),
            "stm-nfar" => new StmCell(40, 8, StmOptions.NthFarthest),
            _ => new StmCell(100, 10, StmOptions.Nar),
        };
        var expected = cell.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.shape);
        if (config == "stm-ar30") expected["emb.weight"] = [37, 100];
        foreach (var (name, s) in expected)
        {
            Assert.True(info.ContainsKey(name), $"{name} missing from the start");
            Assert.Equal(s, info[name].Shape);
            Assert.Equal("F64", info[name].DType);
        }
        Assert.Equal(expected.Count, info.Keys.Count(k => !k.StartsWith("batch.", StringComparison.Ordinal)));
    }

    // Loading a start must rebuild exactly the model and batch it was written from: the same losses, bit for bit, as
    // the seeded run (which also shows two builds are repeatable). float32 keeps it short; stm-copy's Load is the
    // STM path of stm-nfar plus the bits path of lstm-copy.
    [Theory]
    [InlineData("stm-nfar")]
    [InlineData("stm-ar30")]
    [InlineData("lstm-copy")]
    public void AStartLoadsBackIntoTheSameTraining(string config)
    {
        string path = Path.Combine(_dir, config + ".safetensors");
        var seeded = StmBench.RunForParity(config, 1, path, ScalarType.Float32);
        var loaded = StmBench.RunForParity(config, 1, path, ScalarType.Float32, startFromFile: true);
        Assert.Equal(seeded, loaded);
        if (config == "stm-nfar") Assert.InRange(seeded[0], Math.Log(8) - 0.3, Math.Log(8) + 0.3); // 8 classes, untrained
    }

    [Fact]
    public void AStartWithoutItsBatchOrWithAWrongShapeIsRefused()
    {
        string path = Path.Combine(_dir, "nfar.safetensors");
        StmBench.RunForParity("stm-nfar", 0, path, ScalarType.Float32);
        var start = SafeTensors.Load(path);
        try
        {
            var noLabels = start.Where(kv => kv.Key != "batch.labels").ToDictionary();
            SafeTensors.Save(path, noLabels);
            Assert.Contains("batch.labels", Assert.Throws<InvalidDataException>(() => StmBench.RunForParity("stm-nfar", 0, path, ScalarType.Float32, startFromFile: true)).Message);

            using var wrong = torch.zeros([5, 5]);
            var bad = new Dictionary<string, Tensor>(start) { ["alpha10"] = wrong };
            SafeTensors.Save(path, bad);
            Assert.Contains("alpha10", Assert.Throws<InvalidDataException>(() => StmBench.RunForParity("stm-nfar", 0, path, ScalarType.Float32, startFromFile: true)).Message);
        }
        finally
        {
            foreach (var t in start.Values) t.Dispose();
        }
    }

    [Fact]
    public void TheLstmStartUsesTheNamesOfTheAuthorsLstmBaseline()
    {
        string path = Path.Combine(_dir, "lstm.safetensors");
        StmBench.RunForParity("lstm-copy", 0, path);
        var info = SafeTensors.ReadInfo(path).ToDictionary(i => i.Name, i => i.Shape);
        var expected = new Dictionary<string, long[]>
        {
            ["lstm.weight_ih_l0"] = [2048, 34], ["lstm.weight_hh_l0"] = [2048, 512], ["lstm.bias_ih_l0"] = [2048], ["lstm.bias_hh_l0"] = [2048],
            ["lstm_h_bias"] = [1, 1, 512], ["lstm_c_bias"] = [1, 1, 512], ["out.weight"] = [32, 512], ["out.bias"] = [32], ["batch.bits"] = [20, 128, 32],
        };
        Assert.Equal(expected.Keys.Order(), info.Keys.Order());
        foreach (var (name, shape) in expected) Assert.Equal(shape, info[name]);
    }

    [Fact]
    public void AnUnknownConfigHasNoParityRun() =>
        Assert.Throws<ArgumentException>(() => StmBench.RunForParity("gru-copy", 1, Path.Combine(_dir, "x.safetensors")));
}
