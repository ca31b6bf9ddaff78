namespace SamRl.Tasks.Data;

/// <summary>The supervised tasks by name, each with the reference settings (stm-reference.md section 3.2).</summary>
public static class TaskRegistry
{
    private static readonly (string Name, Func<ITaskGenerator> Create)[] Entries =
    [
        ("copy", () => new CopyTask()),
        ("priority-sort", () => new PrioritySortTask()),
        ("rar", () => new RelationalAssociativeRecallTask()),
        ("nfar", () => new NthFarthestTask()),
        ("assoc-retrieval-30", () => new AssociativeRetrievalTask(pairs: 14, name: "assoc-retrieval-30")),
        ("assoc-retrieval-50", () => new AssociativeRetrievalTask(pairs: 24, name: "assoc-retrieval-50")),
        ("hull-5", () => new ConvexHullTask(points: 5, name: "hull-5")),
        ("hull-10", () => new ConvexHullTask(points: 10, name: "hull-10")),
        ("tsp-5", () => new TspTask(points: 5, name: "tsp-5")),
        ("tsp-10", () => new TspTask(points: 10, name: "tsp-10")),
        ("shortest-path", () => new ShortestPathTask()),
        ("mst", () => new MstTask()),
        (Babi.BabiTask.BaseName, () => new Babi.BabiTask(Babi.BabiTask.BaseName, Babi.BabiTask.DefaultDataFolder, Enumerable.Range(1, Babi.BabiFiles.TaskCount).ToArray())),
    ];

    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    /// <summary>A registered name, or "babi:N" (one bAbI task, N in 1..20).</summary>
    public static bool IsKnown(string? name) => TryCreate(name, out _) || Babi.BabiTask.TryParseName(name, out _);

    /// <summary>A new generator for <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The name is not a registered task.</exception>
    public static ITaskGenerator Create(string name) =>
        TryCreate(name, out var generator)
            ? generator
            : throw new ArgumentException($"Unknown task '{name}'; valid names: {string.Join(", ", Names)}.", nameof(name));

    public static bool TryCreate(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ITaskGenerator? generator)
    {
        var key = name?.Trim();
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Name, key, StringComparison.OrdinalIgnoreCase))
            {
                generator = entry.Create();
                return true;
            }
        }

        generator = null;
        return false;
    }
}
