using PolicyDashboard.Benchmarks;

// `quick` prints the figures docs/benchmarks.md records (Stopwatch, percentiles, memory) in well under a minute
// per size; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "quick")
{
    QuickRun.Run(args.Skip(1).ToArray());
    return;
}
// `repeat <size> <count>` builds one size many times (a steady load for a profiler, and the spread of many builds).
if (args.Length == 3 && args[0] == "repeat")
{
    RepeatRun.Run(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
    return;
}
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
