using SamRl.Torch;

namespace SamRl.Tasks.Training;

/// <summary>Implemented by a task that brings its own model instead of <see cref="TaskModel"/> (bAbI).</summary>
public interface ITaskNetworkFactory
{
    /// <summary>The model <paramref name="config"/> asks for (its Model, sizes and device), weights drawn from <paramref name="generator"/>.</summary>
    TaskNetwork CreateNetwork(TaskConfig config, Generator? generator);
}
