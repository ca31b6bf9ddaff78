using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SamRl.Cli.Peer;
using SamRl.Torch;
using SamRl.Training;

namespace SamRl.Cli.Commands;

/// <summary>
/// `samrl bench a3c`: what one A3C actor costs (ms per act step, ms per 20-step update) for the LSTM and STM agents per
/// libtorch thread count, then real training throughput (frames/s on the built-in Pong) per agent, mode and worker
/// count; with --peer, the authors' A3CSAM and A3Clstm are timed in the same run by the embedded driver.
/// </summary>
public static class BenchA3CCommand
{
    // The authors' code measured once on this machine kind (issue 16): act ms, update ms, at one thread.
    private static readonly Dictionary<string, (double Act, double Update)> Documented = new()
    {
        ["stm"] = (4.4, 250),
        ["lstm"] = (5.8, 250),
    };

    /// <summary>One timing of the authors' actor, as authors_a3c.py prints it.</summary>
    private sealed record PeerA3CRow(
        [property: JsonPropertyName("agent")] string Agent,
        [property: JsonPropertyName("threads")] int Threads,
        [property: JsonPropertyName("act_ms")] double ActMs,
        [property: JsonPropertyName("update_ms")] double UpdateMs,
        [property: JsonPropertyName("rollout_ms")] double RolloutMs,
        [property: JsonPropertyName("parameters")] long Parameters);

    public static Command Create()
    {
        var agents = new Option<string>("--agents") { Description = "comma-separated agents: lstm, stm", DefaultValueFactory = _ => "lstm,stm" };
        var threads = new Option<string>("--threads") { Description = "comma-separated libtorch thread counts for the act/update timings", DefaultValueFactory = _ => "1" };
        var workers = new Option<string>("--workers") { Description = "comma-separated actor counts for the training throughput", DefaultValueFactory = _ => "1,2" };
        var modes = new Option<string>("--modes") { Description = "comma-separated modes for the training throughput: hogwild, learner", DefaultValueFactory = _ => "hogwild,learner" };
        var seconds = new Option<double>("--seconds") { Description = "seconds each training throughput is timed (after 10 s of warm-up); 0 skips training", DefaultValueFactory = _ => 30 };
        var frameSkip = new Option<int>("--frame-skip") { Description = "frame skip of the training runs", DefaultValueFactory = _ => 4 };
        var peer = new Option<string?>("--peer") { Description = "root of a checkout of the authors' code (github.com/thaihungle/SAM): time their A3CSAM and A3Clstm too, right after ours" };
        var python = new Option<string>("--python") { Description = "Python with PyTorch that runs the authors' code for --peer", DefaultValueFactory = _ => "python3" };
        var cmd = new Command("a3c", "A3C actor cost (ms per act step and per update) and training frames/s on Pong, LSTM and STM agents.")
        {
            agents, threads, workers, modes, seconds, frameSkip, peer, python,
        };
        cmd.SetAction(pr =>
        {
            var agentList = CliLists.Parse(pr.GetValue(agents), "--agents", s => s is "lstm" or "stm" ? s : throw new UsageException($"--agents: unknown '{s}'; valid: lstm, stm"));
            var threadList = CliLists.Counts(pr.GetValue(threads), "--threads");
            var workerList = CliLists.Counts(pr.GetValue(workers), "--workers");
            var modeList = CliLists.Parse(pr.GetValue(modes), "--modes", s => s is A3CConfig.Hogwild or A3CConfig.Learner ? s : throw new UsageException($"--modes: unknown '{s}'; valid: hogwild, learner"));
            double secs = pr.GetValue(seconds);
            if (secs < 0) throw new UsageException("--seconds must be >= 0");
            int skip = pr.GetValue(frameSkip);
            if (skip < 0) throw new UsageException("--frame-skip must be >= 0");
            string? peerDir = pr.GetValue(peer);
            using var authors = peerDir is null ? null : AuthorsPeer.Open(peerDir, pr.GetValue(python) ?? "python3", AuthorsPeer.A3C);

            Console.WriteLine($"libtorch {torch.Version}, BLAS {BlasInfo.Detect().Name} (1 thread), {Environment.ProcessorCount} cores; 1x80x80 frames, 6 actions, rollouts of 20 steps");
            if (authors is not null) Console.WriteLine($"authors' code: {Path.GetFullPath(peerDir!)}, PyTorch {authors.Check()}, each agent timed right after ours");
            var rows = new List<(A3CBench.Timing Ours, PeerA3CRow? Authors)>();
            foreach (var a in agentList)
                foreach (var t in threadList)
                {
                    Console.Error.WriteLine($"  {a}, {t} thread(s): act and update");
                    var ours = A3CBench.Measure(a, t);
                    PeerA3CRow? theirs = null;
                    if (authors is not null)
                    {
                        Console.Error.WriteLine($"  {a}, {t} thread(s): the authors' code");
                        theirs = RunAuthors(authors, a, t);
                    }

                    rows.Add((ours, theirs));
                }

            Console.WriteLine();
            PrintCosts(rows, authors is not null);

            if (secs > 0)
            {
                var tput = new List<A3CBench.Throughput>();
                foreach (var a in agentList)
                    foreach (var m in modeList)
                        foreach (var w in workerList)
                        {
                            Console.Error.WriteLine($"  training {a}, {m}, {w} worker(s): {secs:0} s after 10 s of warm-up");
                            tput.Add(A3CBench.MeasureTraining(a, m, w, skip, secs));
                        }

                Console.WriteLine();
                PrintThroughput(tput, rows, skip);
            }

            return 0;
        });
        return cmd;
    }

    private static void PrintCosts(List<(A3CBench.Timing Ours, PeerA3CRow? Authors)> rows, bool peer)
    {
        string source = peer ? "this run" : "measured once on a 2-core machine; --peer measures now";
        Console.WriteLine($"| agent | threads | parameters | act ms | of which encoder | update ms | of which encoder | ms per rollout (20 acts + update) | authors' act ms ({source}) | authors' update ms | authors' ms per rollout | speed-up act | speed-up update | speed-up rollout |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (o, a) in rows)
        {
            double rollout = 20 * o.ActMs + o.UpdateMs;
            var (aAct, aUpdate) = a is not null ? (a.ActMs, a.UpdateMs)
                : !peer && o.Threads == 1 && Documented.TryGetValue(o.Agent, out var d) ? d : (double.NaN, double.NaN);
            double aRollout = 20 * aAct + aUpdate;
            Console.WriteLine(Inv($"| {o.Agent} | {o.Threads} | {o.Parameters:N0} | {o.ActMs:F2} | {o.EncoderActMs:F2} | {o.UpdateMs:F1} | {o.EncoderUpdateMs:F1} | {rollout:F0} | {Num(aAct, "F2")} | {Num(aUpdate, "F0")} | {Num(aRollout, "F0")} | {Ratio(aAct, o.ActMs)} | {Ratio(aUpdate, o.UpdateMs)} | {Ratio(aRollout, rollout)} |"));
        }

        Console.WriteLine("act: one step at batch 1, no graph (ours) / the graph kept for the update (theirs); update: ours re-runs the rollout's forward (encoder once over its 21 frames), theirs only backpropagates the graph the acts kept, so compare per rollout.");
    }

    /// <summary>
    /// Training frames/s per setting; the authors' frames/s per core is what their rollout time allows at this frame
    /// skip with emulation free (20·k frames per rollout), an upper bound on theirs.
    /// </summary>
    private static void PrintThroughput(List<A3CBench.Throughput> tput, List<(A3CBench.Timing Ours, PeerA3CRow? Authors)> costs, int skip)
    {
        int k = Math.Max(skip, 1);
        Console.WriteLine($"| agent | mode | workers | frames/s | cores busy | frames/s per busy core | authors' frames/s per core (their rollout time, emulation free) | speed-up per core |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var t in tput)
        {
            var c = costs.FirstOrDefault(r => r.Ours.Agent == t.Agent && r.Ours.Threads == 1);
            double theirs = c.Authors is { } a ? 20.0 * k * 1000 / a.RolloutMs
                : Documented.TryGetValue(t.Agent, out var d) ? 20.0 * k * 1000 / (20 * d.Act + d.Update) : double.NaN;
            double perCore = t.FramesPerSecond / Math.Max(t.CoresBusy, 1e-9);
            Console.WriteLine(Inv($"| {t.Agent} | {t.Mode} | {t.Workers} | {t.FramesPerSecond:F0} | {t.CoresBusy:F2} | {perCore:F0} | {Num(theirs, "F0")} | {Ratio(perCore, theirs)} |"));
        }
    }

    private static PeerA3CRow? RunAuthors(AuthorsPeer authors, string agent, int threads)
    {
        try
        {
            string json = authors.Launch("--agent", agent, "--threads", threads.ToString(CultureInfo.InvariantCulture));
            return JsonSerializer.Deserialize<PeerA3CRow>(json);
        }
        catch (PeerFailedException e)
        {
            Console.Error.WriteLine($"  the authors' code failed on {agent} ({threads} threads): {e.Message}");
            return null;
        }
    }

    private static string Num(double v, string format) => double.IsNaN(v) ? "-" : v.ToString(format, CultureInfo.InvariantCulture);

    private static string Ratio(double theirs, double ours) => double.IsNaN(theirs) || ours <= 0 ? "-" : Inv($"{theirs / ours:F1}x");

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
