using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SamRl.Torch.Native;

namespace SamRl.Torch.Serialization;

/// <summary>Name, element type (safetensors spelling, e.g. "F32"), shape and byte range of one stored tensor.</summary>
public sealed record SafeTensorInfo(string Name, string DType, long[] Shape, long Begin, long End);

/// <summary>
/// Reads and writes the safetensors format (https://github.com/huggingface/safetensors), readable by
/// Python's safetensors.torch.load_file:
/// 8-byte little-endian header length N, N bytes of UTF-8 JSON
/// <c>{"__metadata__":{...},"name":{"dtype":"F32","shape":[2,3],"data_offsets":[begin,end]},...}</c>
/// padded with spaces to a multiple of 8, then the tensors' bytes (little-endian, row-major), offsets
/// relative to the end of the header. The writer lays tensors out as the reference (Rust) writer does:
/// by descending dtype alignment (its Dtype order), then by name, so for the same tensors and
/// metadata it produces the same bytes. Dtypes: F64, F32, F16, I64, I32, I16, I8, U8, BOOL.
/// </summary>
public static class SafeTensors
{
    /// <summary>The reference reader's cap on the header size.</summary>
    public const long MaxHeaderSize = 100_000_000;

    private const int IoChunk = 1 << 30;

    // The reference implementation's Dtype enum order (ascending alignment); the writer sorts descending.
    private static readonly string[] DTypeOrder = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64"];

    private static string DTypeName(ScalarType t) => t switch
    {
        ScalarType.Float64 => "F64",
        ScalarType.Float32 => "F32",
        ScalarType.Float16 => "F16",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Int16 => "I16",
        ScalarType.Int8 => "I8",
        ScalarType.Byte => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new NotSupportedException($"safetensors: dtype {t} cannot be saved"),
    };

    private static ScalarType? ParseDType(string s) => s switch
    {
        "F64" => ScalarType.Float64,
        "F32" => ScalarType.Float32,
        "F16" => ScalarType.Float16,
        "I64" => ScalarType.Int64,
        "I32" => ScalarType.Int32,
        "I16" => ScalarType.Int16,
        "I8" => ScalarType.Int8,
        "U8" => ScalarType.Byte,
        "BOOL" => ScalarType.Bool,
        _ => null,
    };

    private static int CompareUtf8(string a, string b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));

    /// <summary>
    /// Writes <paramref name="tensors"/> (any device; copied to the CPU) and optional string metadata to
    /// <paramref name="path"/>. The file is written next to the target under a temporary name, flushed,
    /// then renamed over it, so readers never see a half-written file.
    /// </summary>
    public static unsafe void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        RequireLittleEndian();

        var entries = new List<(string Name, Tensor Tensor, string DType, long[] Shape, long Bytes)>();
        foreach (var (name, t) in tensors)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("safetensors: tensor names must be non-empty");
            if (name == "__metadata__") throw new ArgumentException("safetensors: '__metadata__' is reserved and cannot name a tensor");
            ArgumentNullException.ThrowIfNull(t, $"tensors[\"{name}\"]");
            var dt = t.dtype;
            entries.Add((name, t, DTypeName(dt), t.shape, t.numel() * DTypes.ElementSize(dt)));
        }
        entries.Sort((x, y) =>
        {
            int c = Array.IndexOf(DTypeOrder, y.DType).CompareTo(Array.IndexOf(DTypeOrder, x.DType));
            return c != 0 ? c : CompareUtf8(x.Name, y.Name);
        });

        byte[] header = BuildHeader(entries.Select(e => (e.Name, e.DType, e.Shape, e.Bytes)), metadata);

        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? ".";
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Span<byte> len = stackalloc byte[8];
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)header.Length);
                fs.Write(len);
                fs.Write(header);
                foreach (var e in entries)
                {
                    if (e.Bytes == 0) continue;
                    byte* buf = (byte*)NativeMemory.Alloc((nuint)e.Bytes);
                    try
                    {
                        LibSamTorch.Check(LibSamTorch.st_copy_data(e.Tensor.Handle, buf, e.Bytes));
                        for (long off = 0; off < e.Bytes; off += IoChunk)
                            fs.Write(new ReadOnlySpan<byte>(buf + off, (int)Math.Min(IoChunk, e.Bytes - off)));
                    }
                    finally
                    {
                        NativeMemory.Free(buf);
                    }
                }
                fs.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    private static byte[] BuildHeader(IEnumerable<(string Name, string DType, long[] Shape, long Bytes)> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            if (metadata is not null)
            {
                w.WriteStartObject("__metadata__");
                foreach (var (k, v) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    ArgumentNullException.ThrowIfNull(v, $"metadata[\"{k}\"]");
                    w.WriteString(k, v);
                }
                w.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, dtype, shape, bytes) in entries)
            {
                w.WriteStartObject(name);
                w.WriteString("dtype", dtype);
                w.WriteStartArray("shape");
                foreach (var s in shape) w.WriteNumberValue(s);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                w.WriteNumberValue(offset + bytes);
                w.WriteEndArray();
                w.WriteEndObject();
                offset += bytes;
            }
            w.WriteEndObject();
        }
        int pad = (int)((8 - ms.Length % 8) % 8);
        for (int i = 0; i < pad; i++) ms.WriteByte((byte)' ');
        return ms.ToArray();
    }

    /// <summary>
    /// Reads every tensor of <paramref name="path"/> onto <paramref name="device"/> (default CPU). The
    /// tensors are new: they join the current dispose scope if there is one; otherwise the caller owns them.
    /// A malformed file raises <see cref="InvalidDataException"/> naming the file and the problem.
    /// </summary>
    public static unsafe Dictionary<string, Tensor> Load(string path, Device? device = null)
    {
        RequireLittleEndian();
        var dev = device ?? Device.CPU;
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var (infos, _, dataStart) = ReadHeader(path, handle);
        var result = new Dictionary<string, Tensor>();
        try
        {
            foreach (var info in infos)
            {
                var dtype = ParseDType(info.DType)!.Value;
                long n = info.End - info.Begin;
                byte* buf = (byte*)NativeMemory.Alloc((nuint)Math.Max(n, 1));
                try
                {
                    for (long off = 0; off < n;)
                    {
                        int want = (int)Math.Min(IoChunk, n - off);
                        int got = RandomAccess.Read(handle, new Span<byte>(buf + off, want), dataStart + info.Begin + off);
                        if (got <= 0) throw Bad(path, $"tensor '{info.Name}' is cut short: the file ended while reading its data");
                        off += got;
                    }
                    if (dtype == ScalarType.Bool)
                        for (long j = 0; j < n; j++)
                            if (buf[j] > 1) throw Bad(path, $"tensor '{info.Name}' is BOOL but byte {j} of its data is {buf[j]}, not 0 or 1");
                    fixed (long* shape = info.Shape)
                        result[info.Name] = new Tensor(LibSamTorch.st_from_data(buf, shape, info.Shape.Length, (int)dtype, (int)dev.type, dev.index));
                }
                finally
                {
                    NativeMemory.Free(buf);
                }
            }
        }
        catch
        {
            foreach (var t in result.Values) t.Dispose();
            throw;
        }
        return result;
    }

    /// <summary>The "__metadata__" map of <paramref name="path"/> (empty when the file has none).</summary>
    public static Dictionary<string, string> ReadMetadata(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return ReadHeader(path, handle).Metadata;
    }

    /// <summary>The tensors described by the header of <paramref name="path"/>, in file order, without reading their data.</summary>
    public static IReadOnlyList<SafeTensorInfo> ReadInfo(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return ReadHeader(path, handle).Infos;
    }

    private static InvalidDataException Bad(string path, string problem) => new($"{path}: not a valid safetensors file: {problem}");

    private static (List<SafeTensorInfo> Infos, Dictionary<string, string> Metadata, long DataStart) ReadHeader(string path, Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        long fileLength = RandomAccess.GetLength(handle);
        if (fileLength < 8) throw Bad(path, $"the file has {fileLength} bytes, fewer than the 8-byte header length");
        Span<byte> lenBytes = stackalloc byte[8];
        ReadExactly(path, handle, lenBytes, 0);
        ulong n = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(lenBytes);
        if (n < 2) throw Bad(path, $"the header length {n} is too small for a JSON object");
        if (n > MaxHeaderSize) throw Bad(path, $"the header length {n} exceeds the {MaxHeaderSize}-byte limit");
        if ((long)n > fileLength - 8) throw Bad(path, $"the header length {n} runs past the end of the {fileLength}-byte file");
        var headerBytes = new byte[(int)n];
        ReadExactly(path, handle, headerBytes, 8);
        long dataStart = 8 + (long)n;
        long dataLength = fileLength - dataStart;

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(headerBytes, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (Exception e) when (e is JsonException or ArgumentException or DecoderFallbackException)
        {
            throw Bad(path, $"the header is not valid UTF-8 JSON ({OneLine(e.Message)})");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Bad(path, $"the header is a JSON {root.ValueKind}, not an object");
            var metadata = new Dictionary<string, string>();
            var infos = new List<SafeTensorInfo>();
            var names = new HashSet<string>();
            foreach (var prop in root.EnumerateObject())
            {
                if (!names.Add(prop.Name)) throw Bad(path, $"the header names '{prop.Name}' twice");
                if (prop.Name == "__metadata__")
                {
                    if (prop.Value.ValueKind != JsonValueKind.Object) throw Bad(path, "__metadata__ is not an object of strings");
                    foreach (var m in prop.Value.EnumerateObject())
                    {
                        if (m.Value.ValueKind != JsonValueKind.String) throw Bad(path, $"__metadata__ entry '{m.Name}' is not a string");
                        metadata[m.Name] = m.Value.GetString()!;
                    }
                    continue;
                }
                infos.Add(ParseInfo(path, prop));
            }

            infos.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
            long expect = 0;
            foreach (var info in infos)
            {
                if (info.End > dataLength)
                    throw Bad(path, $"tensor '{info.Name}' has data_offsets [{info.Begin}, {info.End}] past the end of the {dataLength}-byte data section");
                if (info.Begin < expect)
                    throw Bad(path, $"tensor '{info.Name}' has data_offsets [{info.Begin}, {info.End}] overlapping the previous tensor, which ends at {expect}");
                if (info.Begin > expect)
                    throw Bad(path, $"tensor '{info.Name}' has data_offsets [{info.Begin}, {info.End}] leaving a gap after byte {expect}; tensors must be contiguous");
                expect = info.End;
            }
            if (expect != dataLength)
                throw Bad(path, $"the tensors cover {expect} bytes but the data section has {dataLength} bytes");
            return (infos, metadata, dataStart);
        }
    }

    private static SafeTensorInfo ParseInfo(string path, JsonProperty prop)
    {
        string name = prop.Name;
        var v = prop.Value;
        if (v.ValueKind != JsonValueKind.Object) throw Bad(path, $"entry '{name}' is not an object with dtype, shape and data_offsets");
        if (!v.TryGetProperty("dtype", out var dt) || dt.ValueKind != JsonValueKind.String)
            throw Bad(path, $"tensor '{name}' has no string dtype");
        string dtype = dt.GetString()!;
        var st = ParseDType(dtype);
        if (st is null) throw Bad(path, $"tensor '{name}' has dtype '{dtype}', which is unknown or unsupported (supported: F64, F32, F16, I64, I32, I16, I8, U8, BOOL)");

        if (!v.TryGetProperty("shape", out var sh) || sh.ValueKind != JsonValueKind.Array)
            throw Bad(path, $"tensor '{name}' has no shape array");
        var shape = new long[sh.GetArrayLength()];
        long numel = 1;
        int k = 0;
        foreach (var d in sh.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out long dim) || dim < 0)
                throw Bad(path, $"tensor '{name}' has shape entry {d.GetRawText()}, not a non-negative integer");
            shape[k++] = dim;
            try { numel = checked(numel * dim); }
            catch (OverflowException) { throw Bad(path, $"tensor '{name}' has a shape whose element count overflows"); }
        }

        if (!v.TryGetProperty("data_offsets", out var off) || off.ValueKind != JsonValueKind.Array || off.GetArrayLength() != 2)
            throw Bad(path, $"tensor '{name}' has no data_offsets pair");
        var o = off.EnumerateArray().ToArray();
        if (!o[0].TryGetInt64(out long begin) || !o[1].TryGetInt64(out long end) || begin < 0 || end < begin)
            throw Bad(path, $"tensor '{name}' has data_offsets {off.GetRawText()}, not a pair 0 <= begin <= end");
        long bytes;
        try { bytes = checked(numel * DTypes.ElementSize(st.Value)); }
        catch (OverflowException) { throw Bad(path, $"tensor '{name}' has a shape whose byte size overflows"); }
        if (end - begin != bytes)
            throw Bad(path, $"tensor '{name}' ({dtype} [{string.Join(", ", shape)}]) needs {bytes} bytes but data_offsets [{begin}, {end}] span {end - begin}");
        return new SafeTensorInfo(name, dtype, shape, begin, end);
    }

    private static void ReadExactly(string path, Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int got = RandomAccess.Read(handle, buffer[done..], offset + done);
            if (got <= 0) throw Bad(path, "the file ended early");
            done += got;
        }
    }

    private static string OneLine(string s) => s.Replace('\r', ' ').Replace('\n', ' ');

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors I/O needs a little-endian machine");
    }
}
