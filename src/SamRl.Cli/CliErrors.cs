using SamRl.Torch;

namespace SamRl.Cli;

/// <summary>Turns every expected failure into one line on stderr and a non-zero exit code.</summary>
public static class CliErrors
{
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"samrl: {e.Message}");
            return 2;
        }
        catch (TorchException e)
        {
            Console.Error.WriteLine($"samrl: libtorch error: {FirstLine(e.Message)}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or InvalidDataException)
        {
            Console.Error.WriteLine($"samrl: {FirstLine(e.Message)}");
            return 1;
        }
    }

    private static string FirstLine(string s)
    {
        int i = s.IndexOf('\n');
        return i < 0 ? s : s[..i];
    }
}

/// <summary>A bad command-line value; the message says what was wrong and what to do.</summary>
public sealed class UsageException(string message) : Exception(message);
