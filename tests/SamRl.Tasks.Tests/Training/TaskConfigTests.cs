using SamRl.Tasks.Training;

namespace SamRl.Tasks.Tests.Training;

[Collection("torch-training")]
public sealed class TaskConfigTests
{
    [Fact]
    public void Defaults_follow_the_authors_per_task_settings()
    {
        var copy = TaskConfig.ForTask("copy");
        Assert.Equal((128, TaskConfig.RmsProp, 1e-4, 0.9, 0.95, 10.0), (copy.Batch, copy.Optimizer, copy.LearningRate, copy.Momentum, copy.Alpha, copy.GradClip));
        Assert.Equal((8, 96, 96, true), (copy.Slots, copy.SlotSize, copy.RelSize, copy.Gates));
        Assert.Equal(50_000, copy.Iterations);

        var nfar = TaskConfig.ForTask("nfar");
        Assert.Equal((TaskConfig.Adam, 128, false), (nfar.Optimizer, nfar.SlotSize, nfar.Gates));

        var rar = TaskConfig.ForTask("rar");
        Assert.Equal((0.0, 0.0, (double?)null), (rar.Alpha1, rar.Alpha2, rar.Alpha3));

        var ar = TaskConfig.ForTask("assoc-retrieval-30", "LSTM");
        Assert.Equal((100, 2, 0.99, "lstm"), (ar.EmbeddingSize, ar.Slots, ar.Alpha, ar.Model));
        Assert.Equal(100_000, ar.TrainSetSize);
    }

    [Fact]
    public void The_lstm_starts_as_the_authors_baseline_but_old_configs_keep_theirs()
    {
        Assert.Equal(TaskConfig.LstmInitAuthors, TaskConfig.ForTask("copy", "lstm").LstmInit);
        // A config.json written before lstm_init existed trained LSTMCell's defaults: resuming must rebuild that model.
        Assert.Equal(TaskConfig.LstmInitPyTorch, TrainerFixtures.ReadWithout(TaskConfig.ForTask("copy", "lstm"), "lstm_init").LstmInit);
        var e = Assert.Throws<ArgumentException>(() => (TaskConfig.ForTask("copy", "lstm") with { LstmInit = "xavier" }).Validate());
        Assert.Contains("--lstm-init", e.Message);
    }

    [Fact]
    public void Stm_options_come_from_the_config()
    {
        var o = TaskModel.StmOptionsFor(TaskConfig.ForTask("nfar") with { Slots = 4, Alpha3 = 0 });
        Assert.Equal((4L, 128L, 96L, false, (double?)0), (o.NumSlots, o.SlotSize, o.RelSize, o.Gates, o.Alpha3));
    }

    [Theory]
    [InlineData("nope", "stm", "unknown task 'nope'")]
    [InlineData("copy", "gru", "unknown model 'gru'")]
    public void Unknown_task_or_model_is_rejected_by_name(string task, string model, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => TaskConfig.ForTask(task, model));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Bad_values_are_rejected_with_the_field_name()
    {
        var c = TaskConfig.ForTask("copy");
        Assert.Contains("iterations", Assert.Throws<ArgumentException>(() => (c with { Iterations = 0 }).Validate()).Message);
        Assert.Contains("batch", Assert.Throws<ArgumentException>(() => (c with { Batch = -1 }).Validate()).Message);
        Assert.Contains("optimizer", Assert.Throws<ArgumentException>(() => (c with { Optimizer = "sgd" }).Validate()).Message);
        Assert.Contains("lr", Assert.Throws<ArgumentException>(() => (c with { LearningRate = 0 }).Validate()).Message);
        Assert.Contains("copy", Assert.Throws<ArgumentException>(() => (c with { MinLength = 5, MaxLength = 2 }).Validate()).Message);
        Assert.Contains("do not apply", Assert.Throws<ArgumentException>(() => (TaskConfig.ForTask("nfar") with { Width = 8 }).Validate()).Message);
        Assert.Contains("embedding", Assert.Throws<ArgumentException>(() => (TaskConfig.ForTask("assoc-retrieval-30") with { EmbeddingSize = 0 }).Validate()).Message);
        Assert.Contains("device", Assert.Throws<ArgumentException>(() => (c with { Device = "tpu" }).Validate()).Message);
        Assert.Contains("min-length = max-length", Assert.Throws<ArgumentException>(() => (c with { TrainSetSize = 1000 }).Validate()).Message);
        (c with { TrainSetSize = 1000, MinLength = 5, MaxLength = 5 }).Validate();
        Assert.Throws<ArgumentException>(() => new TaskTrainer(c with { Threads = 0 }));
    }

    [Fact]
    public void Json_round_trips_with_snake_case_keys()
    {
        var c = TaskConfig.ForTask("rar", "lstm") with { Seed = 7, Width = 8 };
        var json = c.ToJson();
        Assert.Contains("\"learning_rate\"", json);
        Assert.Contains("\"alpha1\": 0", json);
        Assert.Equal(c, TaskConfig.FromJson(json));
    }

    [Fact]
    public void Short_runs_get_proportionate_cadences()
    {
        var c = TaskConfig.ForTask("copy").WithCadenceFor(300);
        Assert.Equal((300, 6, 30, 30), (c.Iterations, c.LogEvery, c.EvalEvery, c.CheckpointEvery));
        var d = TaskConfig.ForTask("copy").WithCadenceFor(50_000);
        Assert.Equal((200, 1000), (d.LogEvery, d.EvalEvery));
    }

    [Fact]
    public void Run_directory_has_the_documented_layout()
    {
        var root = TrainerFixtures.TempRoot();
        try
        {
            var c = TaskConfig.ForTask("copy") with { Seed = 3 };
            var when = new DateTime(2026, 11, 22, 1, 30, 0, DateTimeKind.Utc);
            var a = RunDirectory.Create(root, c, when);
            var b = RunDirectory.Create(root, c, when);
            Assert.Equal("copy-stm-s3-20261122-013000", a.RunId);
            Assert.Equal("copy-stm-s3-20261122-013000-2", b.RunId);
            Assert.True(Directory.Exists(a.CheckpointsPath));
            a.WriteConfig(c, new Dictionary<string, object?> { ["parameters"] = 42L });
            var json = File.ReadAllText(a.ConfigPath);
            Assert.Contains("\"git_commit\"", json);
            Assert.Contains("\"libtorch\"", json);
            Assert.Contains("\"parameters\": 42", json);
            Assert.Equal(c, RunDirectory.Open(a.Path).ReadConfig());
            Assert.Throws<DirectoryNotFoundException>(() => RunDirectory.Open(Path.Combine(root, "missing")));
            Assert.Throws<DirectoryNotFoundException>(() => RunDirectory.Open(root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
