using SamRl.Training;
using Spectre.Console;

namespace SamRl.Cli.Train;

/// <summary>
/// Runs the runs of one `samrl train`, one after another or <c>parallel</c> side by side, with the display; Ctrl+C or
/// SIGTERM stops every run (each writes a checkpoint) and no new one starts.
/// </summary>
public static class SweepRunner
{
    public static void RunAll(IReadOnlyList<RunSlot> slots, int parallel, CancellationToken token)
    {
        var queue = new Queue<RunSlot>(slots);
        var running = new List<Thread>();
        void StartNext()
        {
            RunSlot slot;
            lock (queue)
            {
                if (queue.Count == 0 || token.IsCancellationRequested) return;
                slot = queue.Dequeue();
            }

            var t = new Thread(() =>
            {
                RunOne(slot, token);
                StartNext();
            }) { Name = $"run-{slot.Index}" };
            lock (running) running.Add(t);
            t.Start();
        }

        for (int i = 0; i < Math.Max(1, parallel); i++) StartNext();
        if (Console.IsOutputRedirected) WatchPlain(slots, running, token);
        else WatchLive(slots, running);
        while (true)
        {
            Thread[] all;
            lock (running) all = running.ToArray();
            foreach (var t in all) t.Join();
            lock (running)
                if (running.Count == all.Length) break;
        }
    }

    private static void RunOne(RunSlot slot, CancellationToken token)
    {
        try
        {
            slot.State = "starting";
            using var trainer = slot.Open();
            slot.RunPath = trainer.Folder.Path;
            slot.Label = trainer.Folder.RunId;
            var cut = trainer.RowsCut;
            if (trainer.Counters.StartFrames > 0)
                Console.Error.WriteLine($"{slot.Label}: resuming at {trainer.Counters.Frames:N0} frames; cut {cut.Episodes} episode rows, {cut.Updates} update rows and {cut.Eval} eval rows logged after that checkpoint");
            slot.State = "training";
            slot.Result = trainer.Run(token, s => slot.Status = s);
            slot.State = slot.Result.Stopped ? "stopped" : "finished";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            slot.Error = e.Message.Split('\n')[0];
            slot.State = "failed";
        }
    }

    private static void WatchLive(IReadOnlyList<RunSlot> slots, List<Thread> running)
    {
        AnsiConsole.Live(TrainDisplay.Table(slots)).AutoClear(false).Start(ctx =>
        {
            while (Alive(running))
            {
                Thread.Sleep(1000);
                ctx.UpdateTarget(TrainDisplay.Table(slots));
            }

            ctx.UpdateTarget(TrainDisplay.Table(slots));
        });
    }

    private static void WatchPlain(IReadOnlyList<RunSlot> slots, List<Thread> running, CancellationToken token)
    {
        var last = DateTime.UtcNow;
        while (Alive(running))
        {
            Thread.Sleep(250);
            if (DateTime.UtcNow - last < TrainDisplay.PlainEvery || token.IsCancellationRequested) continue;
            last = DateTime.UtcNow;
            foreach (var s in slots.Where(s => s.State == "training")) Console.WriteLine(TrainDisplay.Line(s));
        }
    }

    private static bool Alive(List<Thread> running)
    {
        lock (running) return running.Any(t => t.IsAlive);
    }
}
