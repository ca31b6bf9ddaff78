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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or InvalidDataException
                                       or ArgumentException or FileNotFoundException or DirectoryNotFoundException)
        {
            Console.Error.WriteLine($"samrl: {FirstLine(e.Message)}");
            return e is ArgumentException ? 2 : 1;
        }
        catch (Commands.TrainingFailedException e)
        {
            Console.Error.WriteLine($"samrl: {FirstLine(e.Message)}");
            return 1;
        }
        catch (Peer.PeerFailedException e)
        {
            Console.Error.WriteLine($"samrl: {FirstLine(e.Message)}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("samrl: cancelled");
            return 130;
        }
        catch (Exception e)
        {
            // A bug, not a user error: one line by default, the stack with SAMRL_DEBUG=1.
            Console.Error.WriteLine($"samrl: internal error ({e.GetType().Name}): {FirstLine(e.Message)}; rerun with SAMRL_DEBUG=1 for the stack trace");
            if (Environment.GetEnvironmentVariable("SAMRL_DEBUG") == "1") Console.Error.WriteLine(e);
            return 70;
        }
    }

    /// <summary>A --device value that parses and names a device this libtorch has, else a usage error saying which.</summary>
    public static Device ParseDevice(string text)
    {
        try { return Device.ParseAvailable(text); }
        catch (ArgumentException e) { throw new UsageException($"--device: {e.Message}"); }
    }

    private static string FirstLine(string s)
    {
        int i = s.IndexOf('\n');
        return i < 0 ? s : s[..i];
    }
}

/// <summary>A bad command-line value; the message says what was wrong and what to do.</summary>
public sealed class UsageException(string message) : Exception(message);
