using SamRl.Runs;

namespace SamRl.Training.Tests;

public class TrainerTests
{
    private static string[] Lines(string path) => File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).ToArray();

    private static long[] Column(string path, int index) => Lines(path).Select(l => long.Parse(l.Split(',')[index])).ToArray();

    [Fact]
    public void OneWorkerHogwildIsDeterministicUnderItsSeed()
    {
        var root = TrainerFixture.TempRoot();
        try
        {
            string[] Run()
            {
                using var t = A3CTrainer.Create(TrainerFixture.Catch(workers: 1, frames: 600) with { LogEvery = 5 }, root);
                t.Run(CancellationToken.None);
                // wall_seconds and fps differ run to run; everything else must not.
                return Lines(t.Folder.UpdatesPath).Select(l => string.Join(",", l.Split(',').Where((_, i) => i is not (1 or 7)))).ToArray();
            }

            var a = Run();
            var b = Run();
            Assert.NotEmpty(a);
            Assert.Equal(a, b);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData(A3CConfig.Hogwild)]
    [InlineData(A3CConfig.Learner)]
    public void RunWritesItsFolderAndResumesWithoutGapsOrDuplicates(string mode)
    {
        var root = TrainerFixture.TempRoot();
        try
        {
            string path;
            using (var t = A3CTrainer.Create(TrainerFixture.Catch(mode: mode, frames: 3000) with { LogEvery = 5, EvalEvery = 0.01 }, root))
            {
                var r = t.Run(CancellationToken.None);
                path = t.Folder.Path;
                Assert.True(r.Frames >= 3000);
                Assert.False(r.Stopped);
                Assert.Equal(r.Games, Lines(t.Folder.EpisodesPath).Length);
            }

            foreach (var f in new[] { "config.json", "episodes.csv", "updates.csv", "eval.csv", "checkpoints/latest.safetensors" })
                Assert.True(File.Exists(Path.Combine(path, f)), $"{f} missing");
            Assert.NotEmpty(Directory.GetFiles(path, "events.out.tfevents.*"));
            var progress = A3CCheckpoint.ReadProgress(Path.Combine(path, "checkpoints/latest.safetensors"));
            Assert.Equal(mode == A3CConfig.Learner ? 2 : 2, progress.Actors.Length);

            using (var t = A3CTrainer.Resume(path, c => c with { Frames = 6000 }))
            {
                Assert.Equal(progress.Frames, t.Counters.Frames);
                Assert.Equal(progress.Updates, t.Counters.Updates);
                t.Run(CancellationToken.None);
            }

            var games = Column(Path.Combine(path, "episodes.csv"), 0);
            Assert.Equal(Enumerable.Range(1, games.Length).Select(i => (long)i), games);
            var frames = Column(Path.Combine(path, "episodes.csv"), 2);
            Assert.True(frames.Zip(frames.Skip(1)).All(p => p.First <= p.Second), "frames must not go back");
            var updates = Column(Path.Combine(path, "updates.csv"), 0);
            Assert.True(updates.Zip(updates.Skip(1)).All(p => p.First < p.Second), "update rows must increase");
            Assert.Contains("\"resumes\"", File.ReadAllText(Path.Combine(path, "config.json")));
            if (mode == A3CConfig.Learner)
            {
                // Actors act with weights at most a few updates old; the lag is logged.
                var lag = Lines(Path.Combine(path, "updates.csv")).Select(l => double.Parse(l.Split(',')[8], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                Assert.All(lag, l => Assert.InRange(l, 0, 20));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void ResumeCutsRowsWrittenAfterTheCheckpoint()
    {
        var root = TrainerFixture.TempRoot();
        try
        {
            string path;
            A3CProgress progress;
            using (var t = A3CTrainer.Create(TrainerFixture.Catch(frames: 2000), root))
            {
                t.Run(CancellationToken.None);
                path = t.Folder.Path;
                progress = A3CCheckpoint.ReadProgress(t.Folder.LatestCheckpointPath);
            }

            // As if the process had gone on logging after its last checkpoint and then died mid-row.
            var episodes = Path.Combine(path, "episodes.csv");
            File.AppendAllText(episodes, $"{progress.Games + 1},1.0,99999,1,0,1,4\n{progress.Games + 2},1.1,99999,1,0,1,4\n{progress.Games + 3},1.2,999");
            using (var t = A3CTrainer.Resume(path, c => c with { Frames = 2500 }))
            {
                Assert.Equal(3, t.RowsCut.Episodes);
                t.Run(CancellationToken.None);
            }

            var games = Column(episodes, 0);
            Assert.Equal(Enumerable.Range(1, games.Length).Select(i => (long)i), games);
            Assert.DoesNotContain(99999L, Column(episodes, 2));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void CorruptOrForeignCheckpointsAreClearErrors()
    {
        var root = TrainerFixture.TempRoot();
        try
        {
            string path;
            using (var t = A3CTrainer.Create(TrainerFixture.Catch(frames: 500), root))
            {
                t.Run(CancellationToken.None);
                path = t.Folder.Path;
            }

            var latest = Path.Combine(path, "checkpoints", "latest.safetensors");
            var bytes = File.ReadAllBytes(latest);
            File.WriteAllBytes(latest, bytes[..(bytes.Length / 2)]);
            var e = Assert.Throws<InvalidDataException>(() => A3CTrainer.Resume(path));
            Assert.Contains("latest.safetensors", e.Message);
            Assert.DoesNotContain("\n", e.Message);

            AtomicFile.WriteAllText(latest, "not a checkpoint at all");
            Assert.Throws<InvalidDataException>(() => A3CTrainer.Resume(path));

            File.Delete(latest);
            Assert.Contains("never reached a checkpoint", Assert.Throws<FileNotFoundException>(() => A3CTrainer.Resume(path)).Message);
            Assert.Contains("not a run folder", Assert.Throws<DirectoryNotFoundException>(() => A3CTrainer.Resume(root)).Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void BadSettingsAreRefusedBeforeAFolderIsMade()
    {
        var root = TrainerFixture.TempRoot();
        try
        {
            Assert.Contains("agent must be", Assert.Throws<ArgumentException>(() => A3CTrainer.Create(TrainerFixture.Catch("gru"), root)).Message);
            Assert.Contains("unknown environment", Assert.Throws<ArgumentException>(() => A3CTrainer.Create(TrainerFixture.Catch() with { Env = "pacman" }, root)).Message);
            Assert.Contains("workers", Assert.Throws<ArgumentException>(() => A3CTrainer.Create(TrainerFixture.Catch(workers: 0), root)).Message);
            Assert.Empty(Directory.GetDirectories(root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
