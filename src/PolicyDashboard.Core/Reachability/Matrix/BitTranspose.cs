namespace PolicyDashboard.Core.Reachability.Matrix;

/// <summary>Transposes a square bit matrix stored as rows of 64-bit words (bit i of word w is column 64·w + i).</summary>
internal static class BitTranspose
{
    public static ulong[][] Of(ulong[][] rows, int n)
    {
        var words = (n + 63) >> 6;
        var result = new ulong[n][];
        for (var i = 0; i < n; i++) result[i] = new ulong[words];
        Span<ulong> block = stackalloc ulong[64];
        for (var bi = 0; bi < words; bi++)
            for (var bj = 0; bj < words; bj++)
            {
                var any = 0UL;
                for (var t = 0; t < 64; t++)
                {
                    var r = (bi << 6) + t;
                    block[t] = r < n ? rows[r][bj] : 0;
                    any |= block[t];
                }
                if (any == 0) continue;
                Transpose64(block);
                for (var u = 0; u < 64; u++)
                {
                    var c = (bj << 6) + u;
                    if (c < n) result[c][bi] = block[u];
                }
            }
        return result;
    }

    /// <summary>In place: afterwards bit t of a[u] is what bit u of a[t] was (the 64×64 recursive block swap).</summary>
    internal static void Transpose64(Span<ulong> a)
    {
        var m = 0x00000000FFFFFFFFUL;
        for (var j = 32; j != 0; j >>= 1, m ^= m << j)
            for (var k = 0; k < 64; k = ((k | j) + 1) & ~j)
            {
                var t = ((a[k] >> j) ^ a[k | j]) & m;
                a[k] ^= t << j;
                a[k | j] ^= t;
            }
    }
}
