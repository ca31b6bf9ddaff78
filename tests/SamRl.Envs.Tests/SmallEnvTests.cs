using SamRl.Envs.Control;
using SamRl.Envs.Memory;

namespace SamRl.Envs.Tests;

public class SmallEnvTests
{
    [Fact]
    public void CartPoleStepsTheGymnasiumEquations()
    {
        using var env = new CartPoleEnv();
        env.Reset(seed: 3);
        double[] s = (double[])env.State.Clone();
        env.Step(1);
        // One Euler step by hand (Gymnasium cartpole.py), force +10 N.
        double cos = Math.Cos(s[2]), sin = Math.Sin(s[2]);
        double temp = (10 + (0.05 * s[3] * s[3] * sin)) / 1.1;
        double thetaAcc = ((9.8 * sin) - (cos * temp)) / (0.5 * ((4.0 / 3.0) - (0.1 * cos * cos / 1.1)));
        double xAcc = temp - (0.05 * thetaAcc * cos / 1.1);
        double[] want = [s[0] + (0.02 * s[1]), s[1] + (0.02 * xAcc), s[2] + (0.02 * s[3]), s[3] + (0.02 * thetaAcc)];
        for (int i = 0; i < 4; i++) Assert.Equal(want[i], env.State[i], 12);
        Assert.All(s, v => Assert.InRange(v, -0.05, 0.05));
    }

    [Fact]
    public void CartPoleTerminatesOnTheAngleAndTruncatesAt500()
    {
        using var env = new CartPoleEnv();
        env.Reset(seed: 1);
        int steps = 0;
        StepResult r;
        do { r = env.Step(1); steps++; } while (!r.Done);
        Assert.True(r.Terminated);
        Assert.True(Math.Abs(env.State[2]) > 12 * Math.PI / 180 || Math.Abs(env.State[0]) > 2.4);
        Assert.InRange(steps, 5, 60);

        // A balancing controller (push toward the lean) lasts until the 500-step truncation.
        env.Reset(seed: 2);
        steps = 0;
        do
        {
            double[] st = env.State;
            r = env.Step(st[2] + (0.5 * st[3]) > 0 ? 1 : 0);
            steps++;
        } while (!r.Done);
        Assert.True(r.Truncated && !r.Terminated);
        Assert.Equal(CartPoleEnv.MaxSteps, steps);
    }

    [Fact]
    public void MaskedCartPoleShowsOnlyPositions()
    {
        using var env = (IEnv)EnvFactory.CreateRaw("cartpole-masked");
        Assert.Equal([2], env.ObservationSpace.Shape);
        var (obs, _) = env.Reset(seed: 5);
        var full = ((CartPoleEnv)env.Unwrapped).State;
        Assert.Equal((float)full[0], obs.Floats[0]);
        Assert.Equal((float)full[2], obs.Floats[1]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TMazeRewardsOnlyTheCuedTurn(bool turnTheCuedWay)
    {
        using var env = new TMazeEnv(4);
        var (obs, _) = env.Reset(seed: 7);
        bool up = env.CueUp;
        Assert.Equal(up ? 1f : 0f, obs.Floats[0]);
        Assert.Equal(up ? 0f : 1f, obs.Floats[1]);
        for (int i = 0; i < 4; i++)
        {
            var step = env.Step(0);
            Assert.Equal(0, step.Reward);
            Assert.False(step.Done);
            Assert.Equal(i < 3 ? 1f : 0f, step.Observation.Floats[2]);   // corridor cells look alike...
            Assert.Equal(i < 3 ? 0f : 1f, step.Observation.Floats[3]);   // ...until the junction
        }

        int action = (up == turnTheCuedWay) ? 1 : 2;
        var end = env.Step(action);
        Assert.True(end.Terminated);
        Assert.Equal(turnTheCuedWay ? 1 : -1, end.Reward);
    }

    [Fact]
    public void TMazeTruncatesAWanderingAgent()
    {
        using var env = new TMazeEnv(2);
        env.Reset(seed: 1);
        StepResult r;
        long steps = 0;
        do { r = env.Step(1); steps++; } while (!r.Done); // UP in the corridor never advances
        Assert.True(r.Truncated);
        Assert.Equal(env.StepLimit, steps);
    }

    [Fact]
    public void RecallScoresTheBitShownDelayStepsBefore()
    {
        using var env = new RecallEnv(delay: 2, scored: 5);
        var (obs, _) = env.Reset(seed: 11);
        var shown = new List<int> { obs.Floats[1] == 1 ? 1 : 0 };
        float total = 0;
        StepResult r;
        int t = 0;
        do
        {
            int answer = t >= 2 ? shown[t - 2] : 0;
            r = env.Step(answer);
            if (t < 2) Assert.Equal(0, r.Reward);
            total += r.Reward;
            if (!r.Done) shown.Add(r.Observation.Floats[1] == 1 ? 1 : 0);
            t++;
        } while (!r.Done);
        Assert.Equal(7, t);
        Assert.Equal(5, total);
    }

    [Theory]
    [InlineData("tmaze:x", "tmaze length")]
    [InlineData("recall:", "recall delay")]
    [InlineData("tmaze:0", "between")]
    public void BadIdsAreClearErrors(string id, string mentions)
    {
        var e = Assert.Throws<ArgumentException>(() => EnvFactory.CreateRaw(id));
        Assert.Contains(mentions, e.Message);
    }

    [Fact]
    public void RenderDrawsEachEnvsObjectsWhereItsStateSaysAndNothingOffScreen()
    {
        static (byte R, byte G, byte B) Px(byte[] screen, int x, int y) { int i = ((y * 160) + x) * 3; return (screen[i], screen[i + 1], screen[i + 2]); }

        using var maze = new TMazeEnv(4);
        maze.Reset(seed: 1);
        var m = maze.Render();
        Assert.Equal(210 * 160 * 3, m.Length);
        int cell = 160 / 5;
        Assert.Equal((236, 236, 236), Px(m, cell / 2, 100 + (cell / 2)));          // the agent at position 0
        Assert.Equal((60, 60, 60), Px(m, cell + (cell / 2), 100 + (cell / 2)));    // the next corridor cell
        var up = Px(m, (4 * cell) + 1, 99);
        var down = Px(m, (4 * cell) + 1, 100 + cell);
        Assert.Equal(up.G == 200 ? (200, 60, 60) : (60, 200, 60), (down.R, down.G, down.B)); // the arms show the cue, opposite colours
        Assert.Equal((0, 0, 0), Px(m, 0, 0));

        using var pole = new CartPoleEnv();
        pole.Reset(seed: 4);
        var c = pole.Render();
        int cx = (int)(80 + (pole.State[0] / 2.4 * 70));
        Assert.Equal((180, 180, 180), Px(c, cx, 150));  // the cart
        Assert.Equal((120, 120, 120), Px(c, 0, 156));   // the track spans the screen
        Assert.Equal((220, 140, 60), Px(c, cx + (int)(30 * Math.Sin(pole.State[2])), 150 - 4 - (int)(30 * Math.Cos(pole.State[2]))));

        using var recall = new RecallEnv(delay: 2, scored: 5);
        recall.Reset(seed: 1);
        var r = recall.Render();
        Assert.Contains(Px(r, 0, 100).R, new byte[] { 80, 236 });  // the one bit shown so far
        Assert.Equal((0, 0, 0), Px(r, 5, 100));
        Assert.Equal((0, 0, 0), Px(r, 4, 100));                    // the gap between cells
    }
}
