using System.CommandLine;
using SamRl.Cli.Commands;

namespace SamRl.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("SamRl: memory-augmented reinforcement learning (STM / SAM, A3C, supervised tasks).");
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(TaskCommand.Create());
        root.Subcommands.Add(EnvsCommand.Create());
        var bench = new Command("bench", "Benchmarks that print ratios measured side by side in one run.");
        bench.Subcommands.Add(BenchTorchCommand.Create());
        bench.Subcommands.Add(BenchStmCommand.Create());
        bench.Subcommands.Add(BenchLearnCommand.Create());
        bench.Subcommands.Add(BenchEnvsCommand.Create());
        root.Subcommands.Add(bench);
        // Our own handler turns expected failures into one-line errors; System.CommandLine's would print stacks.
        return CliErrors.Run(() => root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
    }
}
