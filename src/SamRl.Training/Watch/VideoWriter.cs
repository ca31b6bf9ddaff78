using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace SamRl.Training;

/// <summary>
/// Encodes RGB frames into an .mp4 or .gif with ffmpeg (the set-up installs it), fed raw frames on its stdin and
/// scaled up 2× with nearest-neighbour so the pixels stay sharp. A bad file name is an <see cref="ArgumentException"/>, a
/// missing ffmpeg a <see cref="FfmpegMissingException"/>.
/// </summary>
public sealed class VideoWriter : IDisposable
{
    private readonly Process _ffmpeg;
    private readonly Stream _stdin;
    private readonly Task<string> _stderr;
    private readonly int _frameBytes;
    private bool _closed;

    public VideoWriter(string path, int width, int height, double fps)
    {
        string ext = System.IO.Path.GetExtension(path).ToLowerInvariant();
        if (ext is not (".mp4" or ".gif")) throw new ArgumentException($"video '{path}' must end in .mp4 or .gif");
        Path = path;
        _frameBytes = width * height * 3;
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        string filter = ext == ".gif" ? "scale=iw*2:ih*2:flags=neighbor,split[a][b];[a]palettegen[p];[b][p]paletteuse" : "scale=iw*2:ih*2:flags=neighbor";
        foreach (var a in new[] { "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", $"{width}x{height}", "-r", fps.ToString("0.###", CultureInfo.InvariantCulture), "-i", "-", "-vf", filter })
            psi.ArgumentList.Add(a);
        if (ext == ".mp4") foreach (var a in new[] { "-pix_fmt", "yuv420p", "-c:v", "libx264" }) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add(path);
        try
        {
            _ffmpeg = Process.Start(psi) ?? throw new FfmpegMissingException("could not start ffmpeg");
        }
        catch (Win32Exception)
        {
            throw new FfmpegMissingException("videos need ffmpeg on the PATH (Debian: apt-get install ffmpeg; bash samrl installs it)");
        }

        _stdin = _ffmpeg.StandardInput.BaseStream;
        _stderr = _ffmpeg.StandardError.ReadToEndAsync();
        _ffmpeg.StandardOutput.ReadToEndAsync();
    }

    public string Path { get; }

    public void Write(ReadOnlySpan<byte> rgb)
    {
        if (rgb.Length != _frameBytes) throw new ArgumentException($"a frame is {_frameBytes} bytes, got {rgb.Length}");
        try
        {
            _stdin.Write(rgb);
        }
        catch (IOException)
        {
            throw new InvalidOperationException($"ffmpeg stopped while writing {Path}: {Finish()}");
        }
    }

    /// <summary>Closes the stream and waits for ffmpeg; throws with its last error line when it failed.</summary>
    public void Close()
    {
        if (_closed) return;
        string err = Finish();
        if (_ffmpeg.ExitCode != 0) throw new InvalidOperationException($"ffmpeg could not write {Path}: {err}");
    }

    private string Finish()
    {
        _closed = true;
        try { _stdin.Close(); }
        catch (IOException) { }
        _ffmpeg.WaitForExit();
        return _stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? $"exit code {_ffmpeg.ExitCode}";
    }

    public void Dispose()
    {
        if (!_closed) Finish();
        _ffmpeg.Dispose();
    }
}

/// <summary>ffmpeg is not installed (or cannot start).</summary>
public sealed class FfmpegMissingException(string message) : Exception(message);
