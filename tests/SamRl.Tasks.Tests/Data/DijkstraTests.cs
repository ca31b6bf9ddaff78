using SamRl.Tasks.Data;

namespace SamRl.Tasks.Tests.Data;

public class DijkstraTests
{
    [Theory]
    [InlineData(4, 5)]
    [InlineData(6, 9)]
    [InlineData(8, 14)]
    public void Path_is_the_lightest_of_all_simple_paths(int nodes, int edges)
    {
        var rng = new Random(nodes * 31 + edges);
        for (var trial = 0; trial < 40; trial++)
        {
            var graph = RandomGraph.Connected(nodes, edges, rng);
            var source = rng.Next(nodes);
            var target = (source + 1 + rng.Next(nodes - 1)) % nodes;
            var path = Dijkstra.Path(nodes, graph, source, target);

            var (bestLength, bestPath) = BruteForce(graph, source, target);
            Assert.Equal(bestPath, path);
            Assert.Equal(bestLength, Dijkstra.Length(graph, path), 9);
        }
    }

    [Fact]
    public void Unreachable_target_gives_an_empty_path()
    {
        GraphEdge[] graph = [new(0, 1, 0.5), new(2, 3, 0.5)];
        Assert.Empty(Dijkstra.Path(4, graph, 0, 3));
        Assert.Equal(new[] { 0, 1 }, Dijkstra.Path(4, graph, 0, 1));
    }

    private static (double, int[]) BruteForce(GraphEdge[] graph, int source, int target)
    {
        var best = double.PositiveInfinity;
        int[] bestPath = [];
        var path = new List<int> { source };
        void Walk(int at, double length)
        {
            if (at == target)
            {
                if (length < best)
                {
                    best = length;
                    bestPath = path.ToArray();
                }

                return;
            }

            foreach (var e in graph)
            {
                if (e.A != at && e.B != at) continue;
                var next = e.Other(at);
                if (path.Contains(next)) continue;
                path.Add(next);
                Walk(next, length + e.Weight);
                path.RemoveAt(path.Count - 1);
            }
        }

        Walk(source, 0);
        return (best, bestPath);
    }
}
