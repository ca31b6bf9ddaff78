namespace SamRl.Envs.Pong;

/// <summary>
/// Score digit glyphs: 3 columns x 5 rows of 4x4-pixel blocks (12 x 20 px on screen).
/// Bit 2 of a row is the left block, bit 0 the right one.
/// </summary>
public static class PongDigits
{
    public const int BlockSize = 4;
    public const int Columns = 3;
    public const int Rows = 5;

    private static readonly byte[][] Glyphs =
    [
        [0b111, 0b101, 0b101, 0b101, 0b111], // 0
        [0b010, 0b010, 0b010, 0b010, 0b010], // 1: a bar in the middle column, as measured (x 24-27 for the CPU tens digit)
        [0b111, 0b001, 0b111, 0b100, 0b111], // 2
        [0b111, 0b001, 0b111, 0b001, 0b111], // 3
        [0b101, 0b101, 0b111, 0b001, 0b001], // 4
        [0b111, 0b100, 0b111, 0b001, 0b111], // 5
        [0b111, 0b100, 0b111, 0b101, 0b111], // 6
        [0b111, 0b001, 0b001, 0b001, 0b001], // 7
        [0b111, 0b101, 0b111, 0b101, 0b111], // 8
        [0b111, 0b101, 0b111, 0b001, 0b111], // 9
    ];

    /// <summary>Whether the pixel at (row, column) inside a 12x20 digit cell is lit.</summary>
    public static bool IsLit(int digit, int row, int column)
    {
        byte bits = Glyphs[digit][row / BlockSize];
        int block = column / BlockSize;
        return ((bits >> (Columns - 1 - block)) & 1) != 0;
    }
}
