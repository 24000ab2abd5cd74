using System.Text;
using PolicyDashboard.Cli;

// Buffered stdout: a matrix with every pair can be millions of lines, and Console.Out flushes on every write.
using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
return CliApp.Run(args, stdout, Console.Error);
