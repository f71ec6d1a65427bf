using System.Net.Sockets;

namespace Memgate.LoadGen;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.Out.Write(LoadOptions.Usage);
            return 0;
        }

        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + LoadOptions.Usage).ConfigureAwait(false);
            return 64;
        }

        try
        {
            var result = await LoadRun.ExecuteAsync(options).ConfigureAwait(false);
            using var stdout = Console.OpenStandardOutput();
            ResultWriter.Write(stdout, result);
            return result.FailedConnections == 0 && result.Errors == 0 && result.PreloadErrors == 0 ? 0 : 2;
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"loadgen: {options.Target}: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
