namespace SamRl.Cli.Tests;

/// <summary>All CLI tests swap the process-wide Console writers, so they share one non-parallel collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}

/// <summary>Runs <c>samrl</c> in-process with stdout and stderr captured.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Err)
    {
        public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
    }

    public static Result Run(params string[] args)
    {
        var oldOut = Console.Out;
        var oldErr = Console.Error;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        int code;
        try
        {
            code = Program.Main(args);
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }

        return new Result(code, stdout.ToString(), stderr.ToString());
    }
}
