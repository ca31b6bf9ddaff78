using System.Text;

namespace SamRl.Runs;

/// <summary>Writes files through a temporary name and a rename, so a reader (or a crash) never sees half a file.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, text, new UTF8Encoding(false));
        File.Move(tmp, path, overwrite: true);
    }
}
