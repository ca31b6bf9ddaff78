using System.CommandLine;
using SamRl.Cli.Commands;

namespace SamRl.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("SamRl: memory-augmented reinforcement learning (STM / SAM, A3C, supervised tasks).");
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(CurveCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(WatchCommand.Create());
        root.Subcommands.Add(TaskCommand.Create());
        root.Subcommands.Add(EnvsCommand.Create());
        var bench = new Command("bench", "Benchmarks that print ratios measured side by side in one run.");
        bench.Subcommands.Add(BenchTorchCommand.Create());
        bench.Subcommands.Add(BenchStmCommand.Create());
        bench.Subcommands.Add(BenchLearnCommand.Create());
        bench.Subcommands.Add(BenchParityCommand.Create());
        bench.Subcommands.Add(BenchEnvsCommand.Create());
        bench.Subcommands.Add(BenchA3CCommand.Create());
        root.Subcommands.Add(bench);
        // Our own handler turns expected failures into one-line errors; System.CommandLine's would print stacks.
        return CliErrors.Run(() =>
        {
            var parsed = root.Parse(args);
            // System.CommandLine would print each parse error on its own line and exit 1; keep our one-line, exit-2 promise.
            if (parsed.Errors.Count > 0)
                throw new UsageException($"{string.Join("; ", parsed.Errors.Select(e => e.Message.TrimEnd('.')))} (see `{CommandPath(parsed.CommandResult)} --help`)");
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        });
    }

    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var r = result; r.Parent is System.CommandLine.Parsing.CommandResult parent; r = parent) names.Add(r.Command.Name);
        names.Add("samrl");
        names.Reverse();
        return string.Join(" ", names);
    }
}
