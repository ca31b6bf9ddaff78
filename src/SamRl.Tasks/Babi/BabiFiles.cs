namespace SamRl.Tasks.Babi;

/// <summary>
/// Where the three files of bAbI task N are in a data folder. The folder may hold the files itself or the release's
/// sub-folders: <c>en-10k/qaN_*_train.txt</c> and <c>_test.txt</c>, <c>en-valid-10k/qaN_valid.txt</c>. A train or
/// test file found in neither place is looked for in every direct sub-folder (there must be exactly one), so a
/// stand-in such as <c>en-qa3-1k-fallback/</c> is picked up and reported.
/// </summary>
public sealed record BabiFiles(int Task, string Train, string Valid, string Test)
{
    public const int TaskCount = 20;

    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    /// <exception cref="FileNotFoundException">A file of the task is missing (the message says what to pass).</exception>
    public static BabiFiles Locate(string folder, int task)
    {
        if (task is < 1 or > TaskCount) throw new ArgumentOutOfRangeException(nameof(task), task, "bAbI tasks are 1..20");
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"bAbI data folder {folder} does not exist; put the release's en-10k/ and en-valid-10k/ there or pass --data <folder>");
        return new BabiFiles(
            task,
            Find(folder, task, $"qa{task}_*_train.txt", "en-10k"),
            Find(folder, task, $"qa{task}_valid.txt", "en-valid-10k"),
            Find(folder, task, $"qa{task}_*_test.txt", "en-10k"));
    }

    /// <summary>True when a file came from outside the folder itself and the release sub-folder (a stand-in).</summary>
    public bool IsStandIn(string folder, string path)
    {
        var dir = Path.GetFullPath(Path.GetDirectoryName(path)!);
        var root = Path.GetFullPath(folder);
        return dir != root.TrimEnd(Path.DirectorySeparatorChar) && dir != Path.Combine(root, "en-10k") && dir != Path.Combine(root, "en-valid-10k");
    }

    private static string Find(string folder, int task, string pattern, string releaseFolder)
    {
        foreach (var dir in new[] { folder, Path.Combine(folder, releaseFolder) })
        {
            if (!Directory.Exists(dir)) continue;
            var hits = Directory.GetFiles(dir, pattern);
            if (hits.Length == 1) return hits[0];
            if (hits.Length > 1) throw new FileNotFoundException($"{dir} has {hits.Length} files matching {pattern} for bAbI task {task}; keep one");
        }

        var others = Directory.GetDirectories(folder)
            .Where(d => Path.GetFileName(d) != releaseFolder)
            .SelectMany(d => Directory.GetFiles(d, pattern))
            .ToArray();
        if (others.Length == 1) return others[0];
        throw new FileNotFoundException(
            $"bAbI task {task}: no {pattern} in {folder} or {Path.Combine(folder, releaseFolder)}" +
            (others.Length > 1 ? $" (and {others.Length} candidates in its sub-folders)" : "") +
            "; pass --data <folder holding en-10k/ and en-valid-10k/>");
    }
}
