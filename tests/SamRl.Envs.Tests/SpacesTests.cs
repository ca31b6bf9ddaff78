using SamRl.Envs.Pong;
using SamRl.Envs.Spaces;

namespace SamRl.Envs.Tests;

public class SpacesTests
{
    [Fact]
    public void DiscreteSamplesAndContainsItsIntegers()
    {
        var d = new Discrete(6);
        var rng = new Random(1);
        var seen = Enumerable.Range(0, 500).Select(_ => d.Sample(rng)).ToHashSet();
        Assert.Equal(6, seen.Count);
        Assert.All(seen, a => Assert.True(d.Contains(a)));
        Assert.False(d.Contains(6));
        Assert.False(d.Contains(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Discrete(0));
    }

    [Fact]
    public void BoxSamplesWithinItsBoundsAndShape()
    {
        var image = Box.Image(3, 4, 3);
        var rng = new Random(2);
        Observation o = image.Sample(rng);
        Assert.Equal([3, 4, 3], o.Shape);
        Assert.True(image.Contains(o));

        var floats = new Box(-1, 1, [5], DType.Float32);
        Observation f = floats.Sample(rng);
        Assert.True(floats.Contains(f));
        Assert.False(floats.Contains(new Observation(new float[] { 0, 0, 0, 0, 2 }, [5])));
        Assert.False(floats.Contains(o));
    }

    [Fact]
    public void EveryPongObservationIsInItsSpace()
    {
        var env = new PongEnv();
        Assert.True(env.ObservationSpace.Contains(env.Reset().Observation));
        Assert.Equal(["NOOP", "FIRE", "RIGHT", "LEFT", "RIGHTFIRE", "LEFTFIRE"], env.ActionMeanings);
        Assert.Throws<ArgumentOutOfRangeException>(() => env.Step(6));
    }

    [Fact]
    public void CloneOwnsItsArraysAndToFloatsConverts()
    {
        var bytes = new byte[] { 1, 2, 3, 4 };
        var o = new Observation(bytes, [2, 2]);
        Observation c = o.Clone();
        bytes[0] = 9;
        Assert.Equal(1, c.ByteSpan[0]);
        Assert.Equal([9f, 2f, 3f, 4f], o.ToFloats());
        Assert.True(Observation.Empty.IsEmpty);
        Assert.Throws<InvalidOperationException>(() => Observation.Empty.Bytes);
        Assert.Throws<ArgumentException>(() => new Observation(bytes, [3, 2]));
    }
}
