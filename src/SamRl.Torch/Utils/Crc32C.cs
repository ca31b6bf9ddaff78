using System.Numerics;

namespace SamRl.Torch.Utils;

/// <summary>CRC-32C (Castagnoli) and TensorFlow's masked variant, which frames TensorBoard event records.</summary>
public static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8) crc = BitOperations.Crc32C(crc, BitConverter.ToUInt64(data.Slice(i, 8)));
        for (; i < data.Length; i++) crc = BitOperations.Crc32C(crc, data[i]);
        return crc ^ 0xFFFFFFFF;
    }

    public static uint Masked(ReadOnlySpan<byte> data)
    {
        uint crc = Compute(data);
        return unchecked(((crc >> 15) | (crc << 17)) + 0xA282EAD8);
    }
}
