using SamRl.Tasks.Data;

namespace SamRl.Tasks.Tests.Data;

public class TaskRegistryTests
{
    [Theory]
    [InlineData("copy", 34, 32, TargetKind.Bits, InputKind.Dense)]
    [InlineData("priority-sort", 34, 32, TargetKind.Bits, InputKind.Dense)]
    [InlineData("rar", 34, 32, TargetKind.Bits, InputKind.Dense)]
    [InlineData("nfar", 40, 8, TargetKind.Class, InputKind.Dense)]
    [InlineData("assoc-retrieval-30", 37, 10, TargetKind.Class, InputKind.Tokens)]
    [InlineData("assoc-retrieval-50", 37, 10, TargetKind.Class, InputKind.Tokens)]
    [InlineData("hull-5", 24, 22, TargetKind.StepClasses, InputKind.Dense)]
    [InlineData("hull-10", 24, 22, TargetKind.StepClasses, InputKind.Dense)]
    [InlineData("tsp-5", 24, 22, TargetKind.StepClasses, InputKind.Dense)]
    [InlineData("tsp-10", 24, 22, TargetKind.StepClasses, InputKind.Dense)]
    [InlineData("shortest-path", 46, 22, TargetKind.StepClasses, InputKind.Dense)]
    [InlineData("mst", 46, 22, TargetKind.StepClasses, InputKind.Dense)]
    public void EveryNameMakesItsTask(string name, int inputSize, int outputSize, TargetKind targetKind, InputKind inputKind)
    {
        var task = TaskRegistry.Create(name);
        Assert.Equal(name, task.Name);
        Assert.Equal(inputSize, task.InputSize);
        Assert.Equal(outputSize, task.OutputSize);
        Assert.Equal(targetKind, task.TargetKind);
        Assert.Equal(inputKind, task.InputKind);
        var batch = task.Sample(2, new Random(0));
        Assert.Equal(targetKind, batch.TargetKind);
        Assert.Equal(inputSize, batch.InputSize);
    }

    [Fact]
    public void AssociativeRetrievalLengthsMatchTheirNames()
    {
        Assert.Equal(31, ((AssociativeRetrievalTask)TaskRegistry.Create("assoc-retrieval-30")).Steps);
        Assert.Equal(51, ((AssociativeRetrievalTask)TaskRegistry.Create("assoc-retrieval-50")).Steps);
    }

    [Fact]
    public void NamesAreCaseInsensitive() => Assert.Equal("nfar", TaskRegistry.Create(" NFar ").Name);

    [Fact]
    public void UnknownNameListsTheValidOnesOnOneLine()
    {
        var error = Assert.Throws<ArgumentException>(() => TaskRegistry.Create("sort"));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("'sort'", error.Message);
        foreach (var name in TaskRegistry.Names) Assert.Contains(name, error.Message);
        Assert.False(TaskRegistry.TryCreate(null, out _));
    }
}
