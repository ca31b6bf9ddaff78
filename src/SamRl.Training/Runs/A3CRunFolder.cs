using System.Text.Json;
using System.Text.Json.Nodes;
using SamRl.Runs;

namespace SamRl.Training;

/// <summary>
/// One A3C run's folder, runs/&lt;run-id&gt;/: config.json (kind "a3c", the resolved <see cref="A3CConfig"/> under
/// "config", versions, git commit, machine, and a "resumes" log), episodes.csv, updates.csv, eval.csv, TensorBoard
/// event files, checkpoints/latest.safetensors and best.safetensors (atomic), videos/.
/// </summary>
public sealed class A3CRunFolder
{
    public const string Kind = "a3c";
    public const string ConfigFile = "config.json";

    private A3CRunFolder(string path)
    {
        Path = path;
        RunId = System.IO.Path.GetFileName(path.TrimEnd(System.IO.Path.DirectorySeparatorChar));
    }

    public string Path { get; }

    public string RunId { get; }

    public string ConfigPath => Combine(ConfigFile);

    public string EpisodesPath => Combine("episodes.csv");

    public string UpdatesPath => Combine("updates.csv");

    public string EvalPath => Combine("eval.csv");

    public string CheckpointsPath => Combine("checkpoints");

    public string LatestCheckpointPath => System.IO.Path.Combine(CheckpointsPath, "latest.safetensors");

    public string BestCheckpointPath => System.IO.Path.Combine(CheckpointsPath, "best.safetensors");

    public string VideosPath => Combine("videos");

    /// <summary>Makes &lt;root&gt;/&lt;run id&gt;/ (with -2, -3, ... when taken) and writes config.json.</summary>
    public static A3CRunFolder Create(string root, A3CConfig config, IReadOnlyDictionary<string, object?>? details = null, DateTime? utcNow = null)
    {
        Directory.CreateDirectory(root);
        var baseId = config.RunId(utcNow ?? DateTime.UtcNow);
        for (int n = 1; ; n++)
        {
            var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, n == 1 ? baseId : $"{baseId}-{n}"));
            if (Directory.Exists(path)) continue;
            Directory.CreateDirectory(System.IO.Path.Combine(path, "checkpoints"));
            var folder = new A3CRunFolder(path);
            folder.WriteConfig(config, details);
            return folder;
        }
    }

    /// <summary>An existing A3C run folder.</summary>
    /// <exception cref="DirectoryNotFoundException">No such folder, or not an A3C run.</exception>
    public static A3CRunFolder Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"run folder '{path}' does not exist");
        var config = System.IO.Path.Combine(full, ConfigFile);
        if (!File.Exists(config)) throw new DirectoryNotFoundException($"'{path}' has no {ConfigFile}: not a run folder");
        var node = ReadRoot(config);
        if (node["kind"]?.GetValue<string>() != Kind) throw new DirectoryNotFoundException($"'{path}' is not an A3C run folder (config.json kind is not \"{Kind}\")");
        Directory.CreateDirectory(System.IO.Path.Combine(full, "checkpoints"));
        return new A3CRunFolder(full);
    }

    public A3CConfig ReadConfig()
    {
        var config = ReadRoot(ConfigPath)["config"] ?? throw new InvalidDataException($"{ConfigPath} has no \"config\" section");
        try
        {
            return config.Deserialize<A3CConfig>(A3CConfig.JsonOptions) ?? throw new InvalidDataException($"{ConfigPath}: empty \"config\" section");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{ConfigPath}: bad \"config\" section: {e.Message}", e);
        }
    }

    /// <summary>Replaces "config" (a resume may extend the frames or change the device) and appends to "resumes".</summary>
    public void RecordResume(A3CConfig config, long atFrames, int rowsCut)
    {
        var root = ReadRoot(ConfigPath);
        root["config"] = JsonSerializer.SerializeToNode(config, A3CConfig.JsonOptions);
        if (root["resumes"] is not JsonArray resumes) root["resumes"] = resumes = [];
        resumes.Add(new JsonObject
        {
            ["at_frames"] = atFrames,
            ["utc"] = RunProvenance.UtcStamp(),
            ["command_line"] = Environment.CommandLine,
            ["git_commit"] = RunProvenance.GitCommit(),
            ["rows_cut"] = rowsCut,
        });
        AtomicFile.WriteAllText(ConfigPath, root.ToJsonString(A3CConfig.JsonOptions) + "\n");
    }

    private void WriteConfig(A3CConfig config, IReadOnlyDictionary<string, object?>? details)
    {
        var root = new JsonObject
        {
            ["run_id"] = RunId,
            ["kind"] = Kind,
            ["created_utc"] = RunProvenance.UtcStamp(),
            ["command_line"] = Environment.CommandLine,
            ["versions"] = RunProvenance.Versions(SamRl.Torch.torch.Version),
            ["git_commit"] = RunProvenance.GitCommit(),
            ["machine"] = RunProvenance.Machine(),
        };
        if (details is not null)
        {
            var d = new JsonObject();
            foreach (var (k, v) in details) d[k] = JsonSerializer.SerializeToNode(v, A3CConfig.JsonOptions);
            root["details"] = d;
        }

        root["config"] = JsonSerializer.SerializeToNode(config, A3CConfig.JsonOptions);
        AtomicFile.WriteAllText(ConfigPath, root.ToJsonString(A3CConfig.JsonOptions) + "\n");
    }

    private static JsonObject ReadRoot(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path} is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }
    }

    private string Combine(string name) => System.IO.Path.Combine(Path, name);
}
