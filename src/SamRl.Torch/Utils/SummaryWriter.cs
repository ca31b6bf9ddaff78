using System.Buffers.Binary;
using System.Text;

namespace SamRl.Torch.Utils;

/// <summary>
/// Writes TensorBoard event files (torch.utils.tensorboard.SummaryWriter's scalars) without TensorFlow:
/// records framed as length, masked CRC-32C, Event protobuf, masked CRC-32C; scalars as the old-style
/// simple_value, which TensorBoard migrates on load. Every record is flushed, so a crash loses nothing.
/// </summary>
public sealed class SummaryWriter : IDisposable
{
    private readonly FileStream _file;
    private readonly object _lock = new();
    private bool _disposed;

    public string LogDir { get; }
    public string FilePath { get; }

    public SummaryWriter(string logDir, string fileSuffix = "")
    {
        LogDir = logDir;
        Directory.CreateDirectory(logDir);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string name = $"events.out.tfevents.{now:D10}.{Environment.MachineName}.{Environment.ProcessId}.{Interlocked.Increment(ref s_counter)}{fileSuffix}";
        FilePath = Path.Combine(logDir, name);
        _file = new FileStream(FilePath, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        WriteRecord(EncodeFileVersion(NowSeconds()));
    }

    private static int s_counter;

    /// <summary>One scalar point; step is the x axis (e.g. iteration or global environment steps).</summary>
    public void add_scalar(string tag, double value, long step, double? wallTime = null)
    {
        if (string.IsNullOrEmpty(tag)) throw new ArgumentException("tag must not be empty");
        WriteRecord(EncodeScalar(wallTime ?? NowSeconds(), step, tag, (float)value));
    }

    public void flush()
    {
        lock (_lock) _file.Flush(flushToDisk: false);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            _file.Dispose();
        }
    }

    private static double NowSeconds() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>A record as TensorBoard reads it: u64 length, masked CRC of the length, data, masked CRC of the data.</summary>
    public static byte[] Frame(byte[] data)
    {
        var record = new byte[data.Length + 16];
        BinaryPrimitives.WriteUInt64LittleEndian(record, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), Crc32C.Masked(record.AsSpan(0, 8)));
        data.CopyTo(record, 12);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(12 + data.Length), Crc32C.Masked(data));
        return record;
    }

    private void WriteRecord(byte[] data)
    {
        var record = Frame(data);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _file.Write(record);
            _file.Flush();
        }
    }

    /// <summary>Event{wall_time=1, file_version=3}.</summary>
    public static byte[] EncodeFileVersion(double wallTime)
    {
        var w = new ProtoWriter();
        w.Double(1, wallTime);
        w.Bytes(3, Encoding.UTF8.GetBytes("brain.Event:2"));
        return w.ToArray();
    }

    /// <summary>Event{wall_time=1, step=2, summary=5{value=1{tag=1, simple_value=2}}}.</summary>
    public static byte[] EncodeScalar(double wallTime, long step, string tag, float value)
    {
        var v = new ProtoWriter();
        v.Bytes(1, Encoding.UTF8.GetBytes(tag));
        v.Float(2, value);
        var summary = new ProtoWriter();
        summary.Bytes(1, v.ToArray());
        var e = new ProtoWriter();
        e.Double(1, wallTime);
        e.Varint(2, (ulong)step);
        e.Bytes(5, summary.ToArray());
        return e.ToArray();
    }

    /// <summary>The few protobuf wire types an Event needs.</summary>
    private sealed class ProtoWriter
    {
        private readonly MemoryStream _s = new();

        public void Varint(int field, ulong value)
        {
            Key(field, 0);
            Raw(value);
        }

        public void Double(int field, double value)
        {
            Key(field, 1);
            Span<byte> b = stackalloc byte[8];
            BinaryPrimitives.WriteDoubleLittleEndian(b, value);
            _s.Write(b);
        }

        public void Float(int field, float value)
        {
            Key(field, 5);
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteSingleLittleEndian(b, value);
            _s.Write(b);
        }

        public void Bytes(int field, byte[] value)
        {
            Key(field, 2);
            Raw((ulong)value.Length);
            _s.Write(value);
        }

        public byte[] ToArray() => _s.ToArray();

        private void Key(int field, int wireType) => Raw((ulong)((field << 3) | wireType));

        private void Raw(ulong v)
        {
            while (v >= 0x80)
            {
                _s.WriteByte((byte)(v | 0x80));
                v >>= 7;
            }
            _s.WriteByte((byte)v);
        }
    }
}
