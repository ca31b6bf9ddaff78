using System.Globalization;
using System.Text;

namespace SamRl.Cli.Watch;

/// <summary>
/// Draws a 210×160 RGB game screen in a terminal with 24-bit colour half blocks ('▀': the upper pixel as foreground,
/// the lower as background), every second column and row kept, so one frame is 80 columns by 53 lines, with text
/// lines beside it. Works over SSH (plain ANSI escapes); the alternate screen is left and the cursor shown again on
/// <see cref="Dispose"/>, which the caller also runs on Ctrl+C.
/// </summary>
public sealed class TerminalScreen : IDisposable
{
    public const int Width = 160, Height = 210, Step = 2;
    private readonly TextWriter _out;
    private bool _open;

    public TerminalScreen(TextWriter output)
    {
        _out = output;
        _out.Write("\u001b[?1049h\u001b[?25l\u001b[2J"); // alternate screen, hide cursor, clear
        _open = true;
    }

    /// <summary>Whether this terminal can show the drawing: not redirected, not TERM=dumb, no NO_COLOR.</summary>
    public static bool Supported =>
        !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null
        && Environment.GetEnvironmentVariable("TERM") is not ("dumb" or null or "");

    /// <summary>The frame as escape sequences, <paramref name="side"/> lines printed right of it (one per screen line).</summary>
    public static string Compose(ReadOnlySpan<byte> rgb, IReadOnlyList<string> side)
    {
        if (rgb.Length != Width * Height * 3) throw new ArgumentException($"a screen is {Width}x{Height} RGB ({Width * Height * 3} bytes), got {rgb.Length}");
        var sb = new StringBuilder("\u001b[H");
        int line = 0;
        for (int y = 0; y < Height; y += 2 * Step, line++)
        {
            for (int x = 0; x < Width; x += Step)
            {
                int top = ((y * Width) + x) * 3, bottom = (Math.Min(y + Step, Height - 1) * Width + x) * 3;
                sb.Append(CultureInfo.InvariantCulture, $"\u001b[38;2;{rgb[top]};{rgb[top + 1]};{rgb[top + 2]}m\u001b[48;2;{rgb[bottom]};{rgb[bottom + 1]};{rgb[bottom + 2]}m▀");
            }

            sb.Append("\u001b[0m  ");
            if (line < side.Count) sb.Append(side[line]);
            sb.Append("\u001b[K\n");
        }

        return sb.ToString();
    }

    public void Draw(ReadOnlySpan<byte> rgb, IReadOnlyList<string> side)
    {
        _out.Write(Compose(rgb, side));
        _out.Flush();
    }

    public void Dispose()
    {
        if (!_open) return;
        _open = false;
        _out.Write("\u001b[0m\u001b[?25h\u001b[?1049l");
        _out.Flush();
    }
}
