using PolicyDashboard.Core.Reachability.Matrix;

namespace PolicyDashboard.Core.Tests.Matrix;

public sealed class BitTransposeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(200)]
    public void Of_RandomMatrix_EqualsNaiveTranspose(int n)
    {
        var r = new Random(n);
        var words = (n + 63) >> 6;
        var rows = new ulong[n][];
        for (var i = 0; i < n; i++)
        {
            rows[i] = new ulong[words];
            for (var j = 0; j < n; j++) if (r.Next(3) == 0) rows[i][j >> 6] |= 1UL << j;
        }

        var t = BitTranspose.Of(rows, n);

        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                Assert.True(((rows[i][j >> 6] >> j) & 1) == ((t[j][i >> 6] >> i) & 1), $"({i},{j})");
    }
}
