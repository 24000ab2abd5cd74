namespace PolicyDashboard.Web.Inventory;

/// <summary>
/// Orders names the way people read them: runs of digits compare by value ("web-9" before "web-10"), everything
/// else ordinally, case-insensitive first and case-sensitive as a tie-break so the order is total.
/// </summary>
public sealed class NaturalStringComparer : IComparer<string?>
{
    public static readonly NaturalStringComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;

        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var startX = i; var startY = j;
                while (i < x.Length && char.IsAsciiDigit(x[i])) i++;
                while (j < y.Length && char.IsAsciiDigit(y[j])) j++;
                var byValue = CompareDigitRuns(x.AsSpan(startX, i - startX), y.AsSpan(startY, j - startY));
                if (byValue != 0) return byValue;
                continue;
            }

            var c = char.ToLowerInvariant(x[i]).CompareTo(char.ToLowerInvariant(y[j]));
            if (c != 0) return c;
            i++; j++;
        }

        var byLength = (x.Length - i).CompareTo(y.Length - j);
        return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
    }

    private static int CompareDigitRuns(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        // Leading zeros do not change the value; digit runs may be longer than any integer type.
        var ta = a.TrimStart('0');
        var tb = b.TrimStart('0');
        if (ta.Length != tb.Length) return ta.Length.CompareTo(tb.Length);
        var c = ta.SequenceCompareTo(tb);
        return c != 0 ? Math.Sign(c) : a.Length.CompareTo(b.Length);
    }
}
