using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SamRl.Tasks.Training;

/// <summary>
/// A run's learning-rate changes after its initial rate, in the order given. It lives in the run's
/// config, so a resumed run replays the same schedule. It compares by value, which keeps
/// <see cref="TaskConfig"/> value-equal after a config.json round trip (an array would compare by reference).
/// </summary>
[JsonConverter(typeof(JsonForm))]
public sealed class LrSchedule : IReadOnlyList<LrStep>, IEquatable<LrSchedule>
{
    private readonly LrStep[] _steps;

    public LrSchedule(IEnumerable<LrStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        _steps = [.. steps];
    }

    /// <summary>No changes: the initial rate throughout (the authors' runs).</summary>
    public static LrSchedule None { get; } = new([]);

    public int Count => _steps.Length;

    public LrStep this[int index] => _steps[index];

    /// <summary>Parses "ITER:LR[,ITER:LR...]" (e.g. "7810:1e-4,11715:3e-5").</summary>
    /// <exception cref="FormatException">A part that is not ITER:LR.</exception>
    public static LrSchedule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var steps = new List<LrStep>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':');
            if (colon <= 0
                || !long.TryParse(part.AsSpan(0, colon), NumberStyles.Integer, CultureInfo.InvariantCulture, out var iteration)
                || !double.TryParse(part.AsSpan(colon + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var lr))
                throw new FormatException($"'{part}' is not ITER:LR (e.g. 7810:1e-4)");
            steps.Add(new LrStep(iteration, lr));
        }

        return new LrSchedule(steps);
    }

    /// <summary>The rate of (1-based) iteration <paramref name="iteration"/>, starting from <paramref name="initial"/>.</summary>
    public double RateAt(long iteration, double initial)
    {
        var lr = initial;
        foreach (var step in _steps)
            if (iteration > step.AfterIteration) lr = step.LearningRate;
        return lr;
    }

    /// <summary>This schedule with the rate set to <paramref name="lr"/> after <paramref name="afterIteration"/>; later steps are dropped.</summary>
    public LrSchedule From(long afterIteration, double lr) =>
        new(_steps.Where(s => s.AfterIteration < afterIteration).Append(new LrStep(afterIteration, lr)));

    /// <summary>Checks that iterations are >= 0 and increasing and every rate is a positive number.</summary>
    /// <exception cref="ArgumentException">The first step that is not.</exception>
    public void Validate()
    {
        for (var i = 0; i < _steps.Length; i++)
        {
            var step = _steps[i] ?? throw new ArgumentException("lr steps: null entry");
            if (step.AfterIteration < 0) throw new ArgumentException($"lr step {step}: the iteration must be >= 0");
            if (i > 0 && step.AfterIteration <= _steps[i - 1].AfterIteration)
                throw new ArgumentException($"lr steps must be in increasing iteration order, got {_steps[i - 1]} then {step}");
            if (!(step.LearningRate > 0) || double.IsInfinity(step.LearningRate)) throw new ArgumentException($"lr step {step}: the rate must be a positive number");
        }
    }

    public IEnumerator<LrStep> GetEnumerator() => ((IEnumerable<LrStep>)_steps).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(LrSchedule? other) => other is not null && _steps.SequenceEqual(other._steps);

    public override bool Equals(object? obj) => Equals(obj as LrSchedule);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var step in _steps) hash.Add(step);
        return hash.ToHashCode();
    }

    public override string ToString() => string.Join(",", _steps.Select(s => s.ToString()));

    /// <summary>A JSON array of {"after_iteration", "learning_rate"} objects.</summary>
    private sealed class JsonForm : JsonConverter<LrSchedule>
    {
        public override LrSchedule Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(JsonSerializer.Deserialize<LrStep[]>(ref reader, options) ?? []);

        public override void Write(Utf8JsonWriter writer, LrSchedule value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value._steps, options);
    }
}
