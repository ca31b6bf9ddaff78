using SamRl.Memory;
using SamRl.Tasks.Babi;
using SamRl.Tasks.Data;
using SamRl.Torch;
using SamRl.Torch.NN;

namespace SamRl.Tasks.Tests.Babi;

[Collection("torch-training")]
public sealed class BabiModelTests
{
    private static void Set(Tensor t, double[] values)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        t.copy_(torch.tensor(values, t.shape).to(t.dtype));
    }

    [Fact]
    public void Sentence_encoding_is_the_position_weighted_sum_of_word_embeddings()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(3);
        var enc = new BabiSentenceEncoder(vocabulary: 4, maxWords: 3, width: 2, generator: g);
        var pos0 = enc.Positions.data<float>();
        Assert.All(pos0, p => Assert.Equal(1f / 3, p, 6));
        Assert.All(enc.Embedding.weight.data<float>(), w => Assert.InRange(w, -0.1f, 0.1f));

        Set(enc.Embedding.weight, [0.5, -1, 1, 2, 3, 4, -2, 0.25]); // rows: pad, 1, 2, 3
        Set(enc.Positions, [1, 10, 2, 20, 3, 30]);
        // Sentence [1, 2, pad]: E1*pos0 + E2*pos1 + E0*pos2 (the padding word counts, as in the reference).
        var ids = torch.tensor(new long[] { 1, 2, 0, 3, 3, 3 }, 2, 3);
        var got = enc.Encode(ids).data<float>();
        double[] expected =
        [
            1 * 1 + 3 * 2 + 0.5 * 3, 2 * 10 + 4 * 20 + -1 * 30,
            -2 * (1 + 2 + 3), 0.25 * (10 + 20 + 30),
        ];
        Assert.Equal(expected.Length, got.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], got[i], 4);

        // A query narrower than the table uses the first positions only.
        var q = enc.Encode(torch.tensor(new long[] { 3, 1 }, 1, 2)).data<float>();
        Assert.Equal(-2 * 1 + 1 * 2, q[0], 4);
        Assert.Equal(0.25 * 10 + 2 * 20, q[1], 4);
    }

    [Fact]
    public void Readout_matches_the_reference_formula_on_the_permuted_memory()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(5);
        const int b = 2, n = 3, d = 4, vocab = 6, width = 5;
        var readout = new BabiReadout(queryWidth: width, hidden: 7, slots: n, slotSize: d, vocabulary: vocab, generator: g);
        Assert.DoesNotContain(readout.named_parameters(), p => p.name == "Z");
        Assert.Contains(readout.named_buffers(), p => p.name == "Z");

        var query = torch.randn([b, width], g);
        var mrT = torch.randn([b, n, d, d], g);
        var logits = readout.Forward(query, mrT);
        Assert.Equal([b, vocab], logits.shape);

        // By hand, as qamodel.py: T[b,e,r,f] = Mr[b,r,e,f]; i_k = LN(sum_{e,r} x[e] r_k[r] T[e,r,:]) (gain 1, bias 0 at
        // the start, eps 1e-12); logits = (i1 + i2 + i3) Z.
        var mr = mrT.data<float>();
        var e1 = readout.Entity.forward(query).data<float>();
        var roles = readout.Roles.Select(m => m.forward(query).data<float>()).ToArray();
        var z = readout.Z.data<float>();
        var got = logits.data<float>();
        for (var bi = 0; bi < b; bi++)
        {
            var x = Enumerable.Range(0, d).Select(e => (double)e1[bi * d + e]).ToArray();
            var sum = new double[d];
            for (var k = 0; k < 3; k++)
            {
                var y = new double[d];
                for (var e = 0; e < d; e++)
                    for (var r = 0; r < n; r++)
                        for (var f = 0; f < d; f++)
                            y[f] += x[e] * roles[k][bi * n + r] * mr[((bi * n + r) * d + e) * d + f];
                var mean = y.Average();
                var sd = Math.Sqrt(y.Select(v => (v - mean) * (v - mean)).Average() + 1e-12);
                x = y.Select(v => (v - mean) / sd).ToArray();
                for (var f = 0; f < d; f++) sum[f] += x[f];
            }

            for (var c = 0; c < vocab; c++)
            {
                var expected = Enumerable.Range(0, d).Sum(f => sum[f] * z[f * vocab + c]);
                Assert.Equal(expected, got[bi * vocab + c], 4);
            }
        }
    }

    [Fact]
    public void Stm_model_gradients_match_finite_differences()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(11);
        var options = StmOptions.Babi with { NumSlots = 2, SlotSize = 3, RelSize = 4, InputMlpHidden = 5, OutAttSize = 4, MlpSize = 4 };
        var model = new BabiStmModel(vocabulary: 7, maxWords: 3, options, symbolSize: 6, readoutHidden: 5, generator: g);
        model.to(ScalarType.Float64);
        // Two questions, 2 sentence steps of 3 words, then the query.
        float[] ids = [1, 2, 0, 3, 4, 5, /* step 1 */ 2, 2, 1, 0, 0, 0, /* query */ 6, 1, 0, 5, 4, 0];
        var batch = SequenceBatch.WithClassTargets(2, 3, 3, ids, 7, [4, 2]);
        var labels = torch.tensor(new long[] { 4, 2 }, 2);
        double Loss()
        {
            using var s = torch.NewDisposeScope();
            return F.cross_entropy(model.Forward(batch, Device.CPU), labels).item();
        }

        var loss = F.cross_entropy(model.Forward(batch, Device.CPU), labels);
        loss.backward();
        var named = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        (string Name, int Index)[] probes =
        [
            ("input_module.word_embed.weight", 2 * 6 + 1),
            ("input_module.pos_embed", 1 * 6 + 3),
            ("update_module.alpha20", 0),
            ("update_module.input_projector.fc1.weight", 4),
            ("infer_module.r.1.W1", 3),
            ("infer_module.l2.bias", 1),
        ];
        foreach (var (name, index) in probes)
        {
            var p = named[name];
            var analytic = p.grad!.data<double>()[index];
            var values = p.data<double>();
            const double h = 1e-6;
            values[index] += h;
            Set(p, values);
            var up = Loss();
            values[index] -= 2 * h;
            Set(p, values);
            var down = Loss();
            values[index] += h;
            Set(p, values);
            var numeric = (up - down) / (2 * h);
            Assert.True(Math.Abs(analytic - numeric) <= 1e-6 + 1e-4 * Math.Abs(numeric), $"{name}[{index}]: analytic {analytic}, numeric {numeric}");
        }

        Assert.NotEqual(0, named["update_module.alpha20"].grad!.data<double>()[0]);
    }
}
