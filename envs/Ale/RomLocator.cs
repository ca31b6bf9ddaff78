namespace SamRl.Envs.Ale;

/// <summary>
/// Finds a ROM file for a game name: an explicit path first, then $ALE_ROMS_DIR/&lt;game&gt;.bin, then the roms/
/// folder of an installed ale-py. ROMs are never shipped with this project.
/// </summary>
public static class RomLocator
{
    public const string RomsDirVariable = "ALE_ROMS_DIR";

    /// <summary>The ROM path for <paramref name="game"/> (e.g. "pong"), or an exception naming every place looked at.</summary>
    public static string Find(string game, string? explicitPath = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            if (!File.Exists(explicitPath))
            {
                throw new FileNotFoundException($"ROM file not found: {explicitPath}");
            }

            return Path.GetFullPath(explicitPath);
        }

        var searched = new List<string>();
        foreach (string dir in SearchFolders())
        {
            string candidate = Path.Combine(dir, game + ".bin");
            searched.Add(dir);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        string where = searched.Count == 0 ? "no ROM folder found" : "looked in " + string.Join(", ", searched);
        throw new FileNotFoundException($"no ROM for '{game}': pass --rom <file.bin>, or set {RomsDirVariable} to a folder with {game}.bin ({where})");
    }

    /// <summary>$ALE_ROMS_DIR, then ale_py/roms in the Python site folders that exist here.</summary>
    public static IEnumerable<string> SearchFolders()
    {
        string? fromEnv = Environment.GetEnvironmentVariable(RomsDirVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            yield return fromEnv;
        }

        var roots = new List<string> { "/usr/lib", "/usr/local/lib" };
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrEmpty(home))
        {
            roots.Add(Path.Combine(home, ".local", "lib"));
        }

        string? venv = Environment.GetEnvironmentVariable("VIRTUAL_ENV") ?? Environment.GetEnvironmentVariable("CONDA_PREFIX");
        if (!string.IsNullOrWhiteSpace(venv))
        {
            roots.Insert(0, Path.Combine(venv, "lib"));
        }

        foreach (string root in roots.Where(Directory.Exists))
        {
            IEnumerable<string> pythons;
            try
            {
                pythons = Directory.EnumerateDirectories(root, "python3*");
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            foreach (string python in pythons.Order(StringComparer.Ordinal))
            {
                foreach (string site in new[] { "site-packages", "dist-packages" })
                {
                    string roms = Path.Combine(python, site, "ale_py", "roms");
                    if (Directory.Exists(roms))
                    {
                        yield return roms;
                    }
                }
            }
        }
    }
}
