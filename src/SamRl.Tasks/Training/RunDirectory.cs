using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SamRl.Runs;

namespace SamRl.Tasks.Training;

/// <summary>
/// One run's folder, runs/&lt;run-id&gt;/:
/// <list type="bullet">
/// <item><c>config.json</c>: the resolved <see cref="TaskConfig"/> under "config", plus run id,
/// creation time, versions (libtorch, .NET, SamRl), git commit, machine and model facts.</item>
/// <item><c>metrics.csv</c>: one <see cref="MetricsRow"/> per line, flushed as written.</item>
/// <item><c>checkpoints/latest.safetensors</c> and <c>checkpoints/best.safetensors</c>, written
/// atomically (temporary file, then rename).</item>
/// </list>
/// </summary>
public sealed class RunDirectory
{
    public const string ConfigFile = "config.json";
    public const string MetricsFile = "metrics.csv";
    public const string CheckpointFolder = "checkpoints";
    public const string LatestCheckpointFile = "latest.safetensors";
    public const string BestCheckpointFile = "best.safetensors";

    private RunDirectory(string path, string runId)
    {
        Path = path;
        RunId = runId;
    }

    /// <summary>Absolute path of the run folder.</summary>
    public string Path { get; }

    public string RunId { get; }

    public string ConfigPath => System.IO.Path.Combine(Path, ConfigFile);

    public string MetricsPath => System.IO.Path.Combine(Path, MetricsFile);

    public string CheckpointsPath => System.IO.Path.Combine(Path, CheckpointFolder);

    public string LatestCheckpointPath => System.IO.Path.Combine(CheckpointsPath, LatestCheckpointFile);

    public string BestCheckpointPath => System.IO.Path.Combine(CheckpointsPath, BestCheckpointFile);

    /// <summary>
    /// Makes runs/&lt;run-id&gt;/ under <paramref name="root"/>. The id is
    /// <see cref="TaskConfig.RunId"/>; when that folder exists already a suffix -2, -3, ... is added.
    /// </summary>
    public static RunDirectory Create(string root, TaskConfig config, DateTime? utcNow = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(config);
        var baseId = config.RunId(utcNow ?? DateTime.UtcNow);
        Directory.CreateDirectory(root);
        for (var n = 1; ; n++)
        {
            var id = n == 1 ? baseId : $"{baseId}-{n}";
            var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, id));
            if (Directory.Exists(path)) continue;
            Directory.CreateDirectory(path);
            Directory.CreateDirectory(System.IO.Path.Combine(path, CheckpointFolder));
            return new RunDirectory(path, id);
        }
    }

    /// <summary>An existing run folder (for resume).</summary>
    /// <exception cref="DirectoryNotFoundException">No folder, or no config.json in it.</exception>
    public static RunDirectory Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"run folder '{path}' does not exist");
        if (!File.Exists(System.IO.Path.Combine(full, ConfigFile))) throw new DirectoryNotFoundException($"'{path}' has no {ConfigFile}: not a run folder");
        Directory.CreateDirectory(System.IO.Path.Combine(full, CheckpointFolder));
        return new RunDirectory(full, System.IO.Path.GetFileName(full.TrimEnd(System.IO.Path.DirectorySeparatorChar)));
    }

    /// <summary>Writes config.json: the config plus everything needed to reproduce the run.</summary>
    public void WriteConfig(TaskConfig config, IReadOnlyDictionary<string, object?>? details = null)
    {
        var root = new JsonObject
        {
            ["run_id"] = RunId,
            ["created_utc"] = UtcStamp(),
            ["command_line"] = Environment.CommandLine,
            ["versions"] = RunProvenance.Versions(TryTorchVersion()),
            ["git_commit"] = GitCommit(),
            ["machine"] = RunProvenance.Machine(),
        };
        if (details is not null)
        {
            var d = new JsonObject();
            foreach (var (k, v) in details) d[k] = JsonSerializer.SerializeToNode(v, TaskConfig.JsonOptions);
            root["details"] = d;
        }

        root["config"] = JsonSerializer.SerializeToNode(config, TaskConfig.JsonOptions);
        WriteAllTextAtomic(ConfigPath, root.ToJsonString(TaskConfig.JsonOptions) + "\n");
    }

    /// <summary>
    /// Replaces the "config" section with <paramref name="config"/> (a resume may extend the iterations
    /// or change the learning rate) and appends when, how and from which commit the run was resumed to
    /// "resumes"; the rest, including the original command line, stays.
    /// </summary>
    public void RecordResume(TaskConfig config, long atIteration)
    {
        var root = JsonNode.Parse(File.ReadAllText(ConfigPath)) as JsonObject ?? throw new InvalidDataException($"{ConfigPath} is not a JSON object");
        root["config"] = JsonSerializer.SerializeToNode(config, TaskConfig.JsonOptions);
        if (root["resumes"] is not JsonArray resumes) root["resumes"] = resumes = [];
        resumes.Add(new JsonObject
        {
            ["at_iteration"] = atIteration,
            ["utc"] = UtcStamp(),
            ["command_line"] = Environment.CommandLine,
            ["git_commit"] = GitCommit(),
        });
        WriteAllTextAtomic(ConfigPath, root.ToJsonString(TaskConfig.JsonOptions) + "\n");
    }

    /// <summary>Now, as the run files record times: ISO 8601 UTC to the second.</summary>
    public static string UtcStamp() => RunProvenance.UtcStamp();

    /// <summary>The "config" section of config.json.</summary>
    public TaskConfig ReadConfig()
    {
        var node = JsonNode.Parse(File.ReadAllText(ConfigPath)) ?? throw new InvalidDataException($"{ConfigPath} is empty");
        var config = node["config"] ?? throw new InvalidDataException($"{ConfigPath} has no \"config\" section");
        return config.Deserialize<TaskConfig>(TaskConfig.JsonOptions) ?? throw new InvalidDataException($"{ConfigPath}: bad \"config\" section");
    }

    /// <summary>
    /// Opens metrics.csv for appending. Rows after <paramref name="keepUpToIteration"/> (written after
    /// the checkpoint a resumed run starts from) are dropped first, so a resumed run has no duplicates.
    /// </summary>
    public MetricsWriter OpenMetrics(long keepUpToIteration = long.MaxValue, IReadOnlyList<string>? extraNames = null)
    {
        if (File.Exists(MetricsPath) && keepUpToIteration != long.MaxValue)
        {
            var lines = File.ReadAllLines(MetricsPath);
            var kept = new List<string>();
            foreach (var line in lines)
            {
                if (kept.Count == 0) { kept.Add(line); continue; }
                var comma = line.IndexOf(',');
                if (comma > 0 && long.TryParse(line.AsSpan(0, comma), NumberStyles.Integer, CultureInfo.InvariantCulture, out var it) && it <= keepUpToIteration)
                    kept.Add(line);
            }

            if (kept.Count != lines.Length) WriteAllTextAtomic(MetricsPath, string.Join("\n", kept) + "\n");
        }

        return new MetricsWriter(MetricsPath, new SamRl.Torch.Utils.SummaryWriter(Path), extraNames);
    }

    /// <summary>Writes a file through a temporary name and a rename, so readers never see half a file.</summary>
    public static void WriteAllTextAtomic(string path, string text) => AtomicFile.WriteAllText(path, text);

    /// <summary>`git rev-parse HEAD` in the current folder, else beside the executable, else "unknown".</summary>
    public static string GitCommit() => RunProvenance.GitCommit();

    private static string TryTorchVersion()
    {
        try
        {
            return SamRl.Torch.torch.Version;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            return "unknown";
        }
    }
}
