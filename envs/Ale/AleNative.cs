using System.Runtime.InteropServices;

namespace SamRl.Envs.Ale;

/// <summary>The samale shim's C entry points (src/native/ale/samale.cpp). Each returns 0, or 1 with a message in err.</summary>
internal static unsafe partial class AleNative
{
    public const string Library = "samale";
    public const int ErrorLength = 512;

    [LibraryImport(Library, EntryPoint = "samale_version")]
    public static partial int Version(byte* output, int outputLength);

    [LibraryImport(Library, EntryPoint = "samale_set_logger_mode")]
    public static partial void SetLoggerMode(int mode);

    [LibraryImport(Library, EntryPoint = "samale_create")]
    public static partial int Create(out nint handle, byte* err, int errLength);

    [LibraryImport(Library, EntryPoint = "samale_destroy")]
    public static partial void Destroy(nint handle);

    [LibraryImport(Library, EntryPoint = "samale_set_int", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetInt(nint handle, string key, int value, byte* err, int errLength);

    [LibraryImport(Library, EntryPoint = "samale_set_float", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetFloat(nint handle, string key, float value, byte* err, int errLength);

    [LibraryImport(Library, EntryPoint = "samale_set_bool", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetBool(nint handle, string key, int value, byte* err, int errLength);

    [LibraryImport(Library, EntryPoint = "samale_check_rom", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int CheckRom(string path, byte* name, int nameLength, byte* err, int errLength);

    [LibraryImport(Library, EntryPoint = "samale_load_rom", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LoadRom(nint handle, string path, byte* err, int errLength);

    [LibraryImport(Library, EntryPoint = "samale_reset")]
    public static partial int Reset(nint handle, byte* err, int errLength);

    [LibraryImport(Library, EntryPoint = "samale_act")]
    public static partial int Act(nint handle, int action, float paddleStrength, out int reward, byte* err, int errLength);

    [LibraryImport(Library, EntryPoint = "samale_status")]
    public static partial int Status(nint handle, out int terminated, out int truncated, out int lives, out int frameNumber, out int episodeFrameNumber, byte* err, int errLength);

    [LibraryImport(Library, EntryPoint = "samale_screen_size")]
    public static partial int ScreenSize(nint handle, out int width, out int height, byte* err, int errLength);

    [LibraryImport(Library, EntryPoint = "samale_screen_rgb")]
    public static partial int ScreenRgb(nint handle, byte* output, int outputLength, byte* err, int errLength);

    [LibraryImport(Library, EntryPoint = "samale_screen_grayscale")]
    public static partial int ScreenGrayscale(nint handle, byte* output, int outputLength, byte* err, int errLength);

    [LibraryImport(Library, EntryPoint = "samale_ram")]
    public static partial int Ram(nint handle, byte* output, int outputLength, out int count, byte* err, int errLength);

    [LibraryImport(Library, EntryPoint = "samale_action_set")]
    public static partial int ActionSet(nint handle, int minimal, int* output, int capacity, out int count, byte* err, int errLength);

    [LibraryImport(Library, EntryPoint = "samale_modes")]
    public static partial int Modes(nint handle, int* output, int capacity, out int count, byte* err, int errLength);

    [LibraryImport(Library, EntryPoint = "samale_difficulties")]
    public static partial int Difficulties(nint handle, int* output, int capacity, out int count, byte* err, int errLength);

    [LibraryImport(Library, EntryPoint = "samale_set_mode")]
    public static partial int SetMode(nint handle, int mode, byte* err, int errLength);

    [LibraryImport(Library, EntryPoint = "samale_set_difficulty")]
    public static partial int SetDifficulty(nint handle, int difficulty, byte* err, int errLength);

    /// <summary>Raises the shim's message when a call failed.</summary>
    public static void Check(int status, byte* err, string what)
    {
        if (status != 0)
        {
            throw new AleException($"{what}: {Utf8(err)}");
        }
    }

    public static string Utf8(byte* text) => Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;
}
