using System.CommandLine;
using SamRl.Torch;
using SamRl.Torch.Benchmarks;

namespace SamRl.Cli.Commands;

/// <summary>`samrl bench torch`: the binding's overhead against a direct C++ loop, in one run.</summary>
public static class BenchTorchCommand
{
    public static Command Create()
    {
        var threads = new Option<int>("--threads") { Description = "libtorch intra-op threads", DefaultValueFactory = _ => 1 };
        var repeats = new Option<int>("--repeats") { Description = "timed repeats per measurement (best is kept)", DefaultValueFactory = _ => 5 };
        var cmd = new Command("torch", "Per-op overhead (tiny add) and 256x256 matmul GFLOP/s: SamRl.Torch vs a direct C++ loop.") { threads, repeats };
        cmd.SetAction(pr =>
        {
            int t = pr.GetValue(threads), r = pr.GetValue(repeats);
            if (t < 1) throw new UsageException("--threads must be >= 1");
            if (r < 1) throw new UsageException("--repeats must be >= 1");
            torch.set_num_threads(t);
            torch.set_blas_threads(1);
            Console.WriteLine($"libtorch {torch.Version}, BLAS {BlasInfo.Detect().Name}, intra-op threads {torch.get_num_threads()}");
            var rows = TorchBench.Run(r, what => Console.Error.WriteLine($"  measuring {what} ..."));
            Console.WriteLine();
            Console.WriteLine("| what | SamRl.Torch | direct C++ | unit | binding overhead (x) |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach (var row in rows)
                Console.WriteLine($"| {row.What} | {row.BindingValue:F1} | {row.DirectValue:F1} | {row.Unit} | {row.Ratio:F2} |");
            return 0;
        });
        return cmd;
    }
}
