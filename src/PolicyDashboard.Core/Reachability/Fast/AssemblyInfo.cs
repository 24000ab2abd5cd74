using System.Runtime.CompilerServices;

// The benchmarks time the build phases (partition, translation) separately.
[assembly: InternalsVisibleTo("PolicyDashboard.Benchmarks")]
