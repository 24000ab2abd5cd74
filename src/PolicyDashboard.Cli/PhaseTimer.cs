using System.Diagnostics;
using System.Globalization;

namespace PolicyDashboard.Cli;

/// <summary>
/// Measures the phases of a command. With <c>--timings</c> each phase prints one line to stderr as it ends:
/// <c>timing &lt;phase&gt; &lt;milliseconds&gt; ms</c> (whole milliseconds, rounded), so scripts can parse it.
/// </summary>
public sealed class PhaseTimer(TextWriter? sink)
{
    public T Measure<T>(string phase, Func<T> work)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = work();
        Report(phase, stopwatch.Elapsed);
        return result;
    }

    public void Measure(string phase, Action work) => Measure(phase, () => { work(); return 0; });

    private void Report(string phase, TimeSpan elapsed) =>
        sink?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"timing {phase} {Math.Round(elapsed.TotalMilliseconds, MidpointRounding.AwayFromZero):0} ms"));
}
