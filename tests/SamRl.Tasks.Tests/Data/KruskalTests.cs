using SamRl.Tasks.Data;

namespace SamRl.Tasks.Tests.Data;

public class KruskalTests
{
    [Theory]
    [InlineData(4, 6)]
    [InlineData(5, 7)]
    [InlineData(6, 10)]
    public void Tree_is_the_lightest_of_all_spanning_trees_in_increasing_weight(int nodes, int edges)
    {
        var rng = new Random(nodes * 17 + edges);
        for (var trial = 0; trial < 30; trial++)
        {
            var graph = RandomGraph.Connected(nodes, edges, rng);
            var tree = Kruskal.Tree(nodes, graph);

            Assert.Equal(nodes - 1, tree.Length);
            for (var i = 1; i < tree.Length; i++) Assert.True(graph[tree[i - 1]].Weight <= graph[tree[i]].Weight);
            var (bestWeight, bestEdges) = BruteForce(nodes, graph);
            Assert.Equal(bestEdges, tree.Order().ToArray());
            Assert.Equal(bestWeight, tree.Sum(i => graph[i].Weight), 9);
        }
    }

    [Fact]
    public void Disconnected_graph_gives_a_spanning_forest()
    {
        GraphEdge[] graph = [new(0, 1, 0.9), new(2, 3, 0.1), new(0, 1, 0.2)];
        Assert.Equal(new[] { 1, 2 }, Kruskal.Tree(4, graph));
    }

    // Every (n-1)-subset of the edges that connects all nodes; the lightest.
    private static (double, int[]) BruteForce(int nodes, GraphEdge[] graph)
    {
        var best = double.PositiveInfinity;
        int[] bestEdges = [];
        for (var mask = 0; mask < 1 << graph.Length; mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) != nodes - 1) continue;
            var chosen = Enumerable.Range(0, graph.Length).Where(i => (mask & (1 << i)) != 0).ToArray();
            if (!Connects(nodes, chosen.Select(i => graph[i]))) continue;
            var weight = chosen.Sum(i => graph[i].Weight);
            if (weight < best)
            {
                best = weight;
                bestEdges = chosen;
            }
        }

        return (best, bestEdges);
    }

    private static bool Connects(int nodes, IEnumerable<GraphEdge> edges)
    {
        var reached = new HashSet<int> { 0 };
        var list = edges.ToList();
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var e in list)
            {
                if (reached.Contains(e.A) != reached.Contains(e.B))
                {
                    reached.Add(e.A);
                    reached.Add(e.B);
                    grew = true;
                }
            }
        }

        return reached.Count == nodes;
    }
}
