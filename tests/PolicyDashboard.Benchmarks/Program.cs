using PolicyDashboard.Benchmarks;

// `quick` prints the figures docs/benchmarks.md records (Stopwatch, percentiles, memory) in well under a minute
// per size; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "quick")
{
    QuickRun.Run(args.Skip(1).ToArray());
    return;
}
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
