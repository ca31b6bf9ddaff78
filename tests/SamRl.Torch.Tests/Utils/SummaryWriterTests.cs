using System.Text;
using SamRl.Torch.Utils;

namespace SamRl.Torch.Tests.Utils;

/// <summary>TensorBoard event records against the golden vectors in shared/reference/conventions.md.</summary>
public class SummaryWriterTests
{
    private static byte[] Hex(string s) => Convert.FromHexString(s);

    [Fact]
    public void Crc32cMatchesTheCheckValue()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0xA282EAD8u, Crc32C.Masked([]));
    }

    [Fact]
    public void FileVersionRecordMatchesGoldenBytes()
    {
        var record = SummaryWriter.Frame(SummaryWriter.EncodeFileVersion(1700000000.0));
        Assert.Equal(Hex("1800000000000000a37f4b220900000040fc54d9411a0d627261696e2e4576656e743a32eced8f9d"), record);
    }

    [Fact]
    public void ScalarRecordMatchesGoldenBytes()
    {
        var record = SummaryWriter.Frame(SummaryWriter.EncodeScalar(1700000001.5, 1000, "charts/episodic_return", -21.0f));
        Assert.Equal(Hex("2d000000000000003c418afb0900006040fc54d94110e8072a1f0a1d0a166368617274732f657069736f6469635f72657475726e150000a8c14b92b793"), record);
    }

    [Fact]
    public void WriterProducesAReadableEventFile()
    {
        var dir = Path.Combine(Path.GetTempPath(), "samrl-tb-" + Guid.NewGuid().ToString("N"));
        try
        {
            string path;
            using (var w = new SummaryWriter(dir))
            {
                w.add_scalar("train/loss", 0.5, 1);
                w.add_scalar("train/loss", 0.25, 2);
                path = w.FilePath;
            }
            Assert.Contains("tfevents", Path.GetFileName(path));
            var bytes = File.ReadAllBytes(path);
            // Walk the records: each length and CRC must check out, three records in all.
            int at = 0, records = 0;
            while (at < bytes.Length)
            {
                long len = BitConverter.ToInt64(bytes, at);
                Assert.Equal(Crc32C.Masked(bytes.AsSpan(at, 8)), BitConverter.ToUInt32(bytes, at + 8));
                Assert.Equal(Crc32C.Masked(bytes.AsSpan(at + 12, (int)len)), BitConverter.ToUInt32(bytes, at + 12 + (int)len));
                at += 16 + (int)len;
                records++;
            }
            Assert.Equal(3, records);
            Assert.Contains("train/loss", Encoding.UTF8.GetString(bytes));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
