using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using SamRl.Torch.NN;
using SamRl.Torch.Serialization;

namespace SamRl.Torch.Tests.Serialization;

public sealed class SafeTensorsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("samrl-safetensors-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "Fixtures", "python_written.safetensors");

    private static long Live()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return torch.LiveTensors;
    }

    private static readonly double[] F64 = [1.5, -0.0, double.MaxValue, double.Epsilon, Math.PI, -1e-300];
    private static readonly float[] F32 = [0.1f, -3.5f, float.MinValue, float.NaN];
    private static readonly float[] F16 = [1.0f, -0.5f, 65504f, 0.000061035156f]; // exact in half precision
    private static readonly long[] I64 = [long.MinValue, -1, 0, long.MaxValue, 1L << 40, 7];
    private static readonly int[] I32 = [int.MinValue, 0, int.MaxValue];
    private static readonly short[] I16 = [short.MinValue, -2, short.MaxValue, 0];
    private static readonly sbyte[] I8 = [sbyte.MinValue, -1, 0, sbyte.MaxValue];
    private static readonly byte[] U8 = [0, 1, 128, 255, 9, 10];
    private static readonly bool[] Bools = [true, false, true, true, false];

    /// <summary>One tensor per dtype plus a scalar and an empty tensor; created in the caller's scope.</summary>
    private static Dictionary<string, Tensor> AllDtypes() => new()
    {
        ["f64"] = torch.tensor(F64, 2, 3),
        ["f32"] = torch.tensor(F32),
        ["f16"] = torch.tensor(F16, 2, 2).to(ScalarType.Float16),
        ["i64"] = torch.tensor(I64, 3, 1, 2),
        ["i32"] = torch.tensor(I32),
        ["i16"] = torch.tensor(I16, 4, 1),
        ["i8"] = torch.tensor(I8),
        ["u8"] = torch.tensor(U8, 2, 3),
        ["bool"] = torch.tensor(Bools),
        ["layer.0.scalar"] = torch.scalar_tensor(2.5, ScalarType.Float64),
        ["empty"] = torch.zeros([0, 3]),
    };

    [Fact]
    public void Round_trip_keeps_every_dtype_shape_value_and_metadata()
    {
        using var scope = torch.NewDisposeScope();
        var path = PathOf("all.safetensors");
        var meta = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "héllo \"quoted\" \n line", ["step"] = "42" };
        var src = AllDtypes();
        SafeTensors.Save(path, src, meta);
        var back = SafeTensors.Load(path);

        Assert.Equal(src.Keys.Order(), back.Keys.Order());
        foreach (var (name, t) in src)
        {
            Assert.Equal(t.dtype, back[name].dtype);
            Assert.Equal(t.shape, back[name].shape);
        }
        Assert.Equal(F64, back["f64"].data<double>());
        Assert.Equal(F32.Select(BitConverter.SingleToInt32Bits), back["f32"].data<float>().Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(F16, back["f16"].to(ScalarType.Float32).data<float>());
        Assert.Equal(I64, back["i64"].data<long>());
        Assert.Equal(I32, back["i32"].data<int>());
        Assert.Equal(I16, back["i16"].data<short>());
        Assert.Equal(I8, back["i8"].data<sbyte>());
        Assert.Equal(U8, back["u8"].data<byte>());
        Assert.Equal(Bools, back["bool"].data<bool>());
        Assert.Equal(2.5, back["layer.0.scalar"].item());
        Assert.Empty(back["layer.0.scalar"].shape);
        Assert.Equal(0, back["empty"].numel());

        Assert.Equal(meta, SafeTensors.ReadMetadata(path));
        Assert.Equal(["i64", "f64", "layer.0.scalar", "f32", "i32", "f16", "i16", "i8", "u8", "bool"],
            SafeTensors.ReadInfo(path).Where(i => i.End > i.Begin).Select(i => i.Name).ToArray());
    }

    [Fact]
    public void Loads_the_file_written_by_the_python_script()
    {
        using var scope = torch.NewDisposeScope();
        var t = SafeTensors.Load(Fixture);
        Assert.Equal(["a.weight", "b", "c", "d", "e"], t.Keys.Order().ToArray());
        Assert.Equal(ScalarType.Float32, t["a.weight"].dtype);
        Assert.Equal([2L, 3], t["a.weight"].shape);
        Assert.Equal([1.5f, -2.25f, 0f, 3f, -0.125f, 0.001f], t["a.weight"].data<float>());
        Assert.Equal(ScalarType.Int64, t["b"].dtype);
        Assert.Equal([4L], t["b"].shape);
        Assert.Equal([-3L, 0, 7, (1L << 40) + 5], t["b"].data<long>());
        Assert.Equal(ScalarType.Float64, t["c"].dtype);
        Assert.Empty(t["c"].shape);
        Assert.Equal(3.141592653589793, t["c"].item());
        Assert.Equal(ScalarType.Float16, t["d"].dtype);
        Assert.Equal([1f, -0.5f, 65504f], t["d"].to(ScalarType.Float32).data<float>());
        Assert.Equal(ScalarType.Bool, t["e"].dtype);
        Assert.Equal([2L, 2], t["e"].shape);
        Assert.Equal([true, false, false, true], t["e"].data<bool>());
        Assert.Equal(new Dictionary<string, string> { ["format"] = "pt" }, SafeTensors.ReadMetadata(Fixture));
    }

    [Fact]
    public void Writes_the_same_bytes_as_the_python_layout()
    {
        using var scope = torch.NewDisposeScope();
        var path = PathOf("same.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor>
        {
            ["e"] = torch.tensor(new[] { true, false, false, true }, 2, 2),
            ["c"] = torch.scalar_tensor(3.141592653589793, ScalarType.Float64),
            ["a.weight"] = torch.tensor(new[] { 1.5f, -2.25f, 0f, 3f, -0.125f, 0.001f }, 2, 3),
            ["d"] = torch.tensor(new[] { 1f, -0.5f, 65504f }).to(ScalarType.Float16),
            ["b"] = torch.tensor(new[] { -3L, 0, 7, (1L << 40) + 5 }),
        }, new Dictionary<string, string> { ["format"] = "pt" });
        Assert.Equal(File.ReadAllBytes(Fixture), File.ReadAllBytes(path));
    }

    [Fact]
    public void Written_file_parses_with_an_independent_reader()
    {
        using var scope = torch.NewDisposeScope();
        var path = PathOf("raw.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor>
        {
            ["w"] = torch.tensor(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, 3, 2),
            ["idx"] = torch.tensor(new[] { 5L, -6L }),
            ["flag"] = torch.tensor(new[] { true }),
        }, new Dictionary<string, string> { ["k"] = "v" });

        var raw = File.ReadAllBytes(path);
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(raw);
        Assert.Equal(0UL, n % 8);
        var headerText = Encoding.UTF8.GetString(raw, 8, (int)n);
        Assert.StartsWith("{", headerText);
        Assert.Matches("^[^ ]*} *$", headerText); // compact JSON, then space padding only
        using var doc = JsonDocument.Parse(headerText);
        var props = doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["__metadata__", "idx", "w", "flag"], props); // metadata, then I64 > F32 > BOOL
        Assert.Equal("v", doc.RootElement.GetProperty("__metadata__").GetProperty("k").GetString());

        var data = raw[(8 + (int)n)..];
        byte[] Slice(string name, string dtype, long[] shape)
        {
            var e = doc.RootElement.GetProperty(name);
            Assert.Equal(dtype, e.GetProperty("dtype").GetString());
            Assert.Equal(shape, e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()).ToArray());
            var o = e.GetProperty("data_offsets").EnumerateArray().Select(x => x.GetInt32()).ToArray();
            return data[o[0]..o[1]].ToArray();
        }
        Assert.Equal(MemoryMarshal.AsBytes<long>([5L, -6L]).ToArray(), Slice("idx", "I64", [2]));
        Assert.Equal(MemoryMarshal.AsBytes<float>([1f, 2f, 3f, 4f, 5f, 6f]).ToArray(), Slice("w", "F32", [3, 2]));
        Assert.Equal(new byte[] { 1 }, Slice("flag", "BOOL", [1]));
        Assert.Equal(16 + 24 + 1, data.Length);
    }

    [Fact]
    public void Save_replaces_atomically_and_leaves_no_temp_files()
    {
        using var scope = torch.NewDisposeScope();
        var path = PathOf("ckpt.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["x"] = torch.ones(3) });
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["y"] = torch.zeros(2) });
        Assert.Equal(["y"], SafeTensors.Load(path).Keys.ToArray());
        Assert.Equal(["ckpt.safetensors"], Directory.GetFiles(_dir).Select(f => Path.GetFileName(f)!).ToArray());
        Assert.Throws<ArgumentException>(() => SafeTensors.Save(path, new Dictionary<string, Tensor> { ["__metadata__"] = torch.ones(1) }));
        Assert.Single(Directory.GetFiles(_dir));
    }

    /// <summary>A file with the given header text (padded) and data bytes.</summary>
    private string Craft(string name, string header, int dataBytes, ulong? declaredLength = null)
    {
        var h = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + h.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredLength ?? (ulong)h.Length);
        h.CopyTo(bytes, 8);
        var path = PathOf(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void AssertBad(string path, string fragment)
    {
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(fragment, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Corrupt_files_raise_invalid_data_with_a_clear_message()
    {
        using var scope = torch.NewDisposeScope();
        var good = PathOf("good.safetensors");
        SafeTensors.Save(good, new Dictionary<string, Tensor> { ["a"] = torch.ones(4), ["b"] = torch.ones([2], ScalarType.Int64) });
        var bytes = File.ReadAllBytes(good);

        var truncated = PathOf("truncated.safetensors");
        File.WriteAllBytes(truncated, bytes[..^3]);
        AssertBad(truncated, "past the end");

        var tiny = PathOf("tiny.safetensors");
        File.WriteAllBytes(tiny, bytes[..5]);
        AssertBad(tiny, "fewer than the 8-byte");

        var trailing = PathOf("trailing.safetensors");
        File.WriteAllBytes(trailing, [.. bytes, 0, 0]);
        AssertBad(trailing, "data section has");

        AssertBad(Craft("huge.safetensors", "{}", 0, declaredLength: 1UL << 40), "exceeds");
        AssertBad(Craft("long.safetensors", "{}", 0, declaredLength: 1000), "runs past the end");
        AssertBad(Craft("json.safetensors", "{\"a\":{\"dtype\":\"F32\",", 0), "not valid UTF-8 JSON");
        AssertBad(Craft("array.safetensors", "[1,2]", 0), "not an object");
        AssertBad(Craft("past.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4), "past the end");
        AssertBad(Craft("overlap.safetensors",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "overlapping");
        AssertBad(Craft("gap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "gap");
        AssertBad(Craft("size.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), "needs 12 bytes");
        AssertBad(Craft("dtype.safetensors", "{\"a\":{\"dtype\":\"Q7\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1), "dtype 'Q7'");
        AssertBad(Craft("shape.safetensors", "{\"a\":{\"dtype\":\"U8\",\"shape\":[-1],\"data_offsets\":[0,1]}}", 1), "shape entry -1");
        AssertBad(Craft("meta.safetensors", "{\"__metadata__\":{\"k\":1}}", 0), "not a string");
        AssertBad(Craft("dup.safetensors", "{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]},\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[1,2]}}", 2), "twice");
        var boolFile = Craft("bool.safetensors", "{\"a\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[0,2]}}", 2);
        var boolBytes = File.ReadAllBytes(boolFile);
        boolBytes[^1] = 2;
        File.WriteAllBytes(boolFile, boolBytes);
        AssertBad(boolFile, "not 0 or 1");

        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.ReadMetadata(truncated));
        Assert.Contains(truncated, e.Message);
    }

    [Fact]
    public void Module_save_and_load_round_trip_through_state_dict()
    {
        var path = PathOf("model.safetensors");
        using var a = new Sequential(new Linear(4, 3), new Tanh(), new Linear(3, 2));
        using var b = new Sequential(new Linear(4, 3), new Tanh(), new Linear(3, 2));
        a.save(path, new Dictionary<string, string> { ["step"] = "7" });
        Assert.Equal(new Dictionary<string, string> { ["format"] = "pt", ["step"] = "7" }, SafeTensors.ReadMetadata(path));
        Assert.Equal(["0.bias", "0.weight", "2.bias", "2.weight"], SafeTensors.ReadInfo(path).Select(i => i.Name).ToArray());
        b.load(path);
        foreach (var ((na, pa), (nb, pb)) in a.named_parameters().Zip(b.named_parameters()))
        {
            Assert.Equal(na, nb);
            Assert.Equal(pa.data<float>(), pb.data<float>());
        }

        using var wrong = new Sequential(new Linear(4, 3));
        var e = Assert.Throws<InvalidDataException>(() => wrong.load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("2.weight", e.Message);
        wrong.load(path, strict: false);
        Assert.Equal(a.state_dict()["0.weight"].data<float>(), wrong.state_dict()["0.weight"].data<float>());

        using var shapes = new Sequential(new Linear(5, 3), new Tanh(), new Linear(3, 2));
        e = Assert.Throws<InvalidDataException>(() => shapes.load(path));
        Assert.Contains("'0.weight'", e.Message);
    }

    [Fact]
    public void Load_onto_a_double_module_converts_and_save_load_leak_nothing()
    {
        var path = PathOf("leak.safetensors");
        using var m = new Sequential(new Linear(4, 3));
        using var d = new Sequential(new Linear(4, 3));
        d.to(ScalarType.Float64);
        m.save(path);
        long before = Live();
        for (int i = 0; i < 3; i++)
        {
            m.save(path);
            d.load(path);
            using var scope = torch.NewDisposeScope();
            SafeTensors.Load(path);
            SafeTensors.Save(path, m.state_dict());
        }
        Assert.Equal(before, Live());
        Assert.Equal(ScalarType.Float64, d.state_dict()["0.weight"].dtype);
        using var s2 = torch.NewDisposeScope();
        Assert.True(m.state_dict()["0.weight"].to(ScalarType.Float64).allclose(d.state_dict()["0.weight"]));
    }
}
