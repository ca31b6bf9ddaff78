using SamRl.Tasks.Data;

namespace SamRl.Tasks.Tests.Data;

public class GraphTaskTests
{
    [Theory]
    [InlineData("shortest-path", 15, 9)]
    [InlineData("mst", 14, 15)]
    public void Shapes_are_fixed_per_task(string name, int inputSteps, int outputSteps)
    {
        var batch = TaskRegistry.Create(name).Sample(4, new Random(1));
        Assert.Equal(new[] { inputSteps, 4, 46 }, batch.InputShape);
        Assert.Equal(new[] { outputSteps, 4 }, batch.TargetShape);
        Assert.Equal(TargetKind.StepClasses, batch.TargetKind);
    }

    [Theory]
    [InlineData("shortest-path")]
    [InlineData("mst")]
    public void Sampling_is_seeded(string name) => BatchAssert.Deterministic(TaskRegistry.Create(name));

    [Fact]
    public void Random_graphs_are_connected_simple_and_of_the_asked_size()
    {
        var rng = new Random(4);
        for (var trial = 0; trial < 100; trial++)
        {
            var graph = RandomGraph.Connected(8, 14, rng);
            Assert.Equal(14, graph.Length);
            Assert.Equal(14, graph.Select(e => (Math.Min(e.A, e.B), Math.Max(e.A, e.B))).Distinct().Count());
            Assert.All(graph, e => Assert.NotEqual(e.A, e.B));
            Assert.Equal(7, Kruskal.Tree(8, graph).Length); // a spanning tree exists: connected
        }
    }

    [Fact]
    public void Shortest_path_targets_decode_to_the_dijkstra_path_of_the_decoded_graph()
    {
        var task = new ShortestPathTask();
        var batch = task.Sample(64, new Random(9));
        for (var b = 0; b < batch.BatchSize; b++)
        {
            var graph = GraphEncoding.DecodeEdges(batch, b, task.Edges);
            Assert.Equal(1f, batch.InputAt(task.Edges, b, GraphEncoding.QueryFlagChannel));
            var (source, target) = GraphEncoding.DecodePair(batch, b, task.Edges);
            Assert.NotEqual(source, target);
            var expected = Dijkstra.Path(task.Nodes, graph, source - 1, target - 1).Select(v => (long)v + 1).ToList();
            Assert.Equal(source, expected[0]);
            Assert.Equal(target, expected[^1]);
            expected.Add(PointEncoding.End);
            while (expected.Count < task.OutputSteps) expected.Add(SequenceBatch.IgnoreLabel);
            Assert.Equal(expected, Enumerable.Range(0, task.OutputSteps).Select(t => batch.LabelAt(t, b)));
        }
    }

    [Fact]
    public void Mst_targets_decode_to_the_kruskal_tree_of_the_decoded_graph()
    {
        var task = new MstTask();
        var batch = task.Sample(64, new Random(10));
        for (var b = 0; b < batch.BatchSize; b++)
        {
            var graph = GraphEncoding.DecodeEdges(batch, b, task.Edges);
            var expected = new List<long>();
            foreach (var i in Kruskal.Tree(task.Nodes, graph))
            {
                expected.Add(Math.Min(graph[i].A, graph[i].B) + 1);
                expected.Add(Math.Max(graph[i].A, graph[i].B) + 1);
            }

            expected.Add(PointEncoding.End);
            Assert.Equal(expected, Enumerable.Range(0, task.OutputSteps).Select(t => batch.LabelAt(t, b)));
        }
    }
}
