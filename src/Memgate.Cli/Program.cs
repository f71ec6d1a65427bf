namespace Memgate.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args) => SubcommandDispatcher.RunAsync(args);
}
