using System.Globalization;
using System.Runtime.InteropServices;
using Memgate.Node;
using Memgate.Node.Auth;
using Memgate.Node.CommandLine;

namespace Memgate.Cli;

/// <summary>`memgate node [memcached flags]`: memcached's startup sequence around <see cref="NodeHost"/>.</summary>
public static class NodeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        SocketRuntimeTuning.ApplyForNode();
        var parsed = MemcachedCommandLine.Parse(args);
        await Console.Out.WriteAsync(parsed.StandardOutput).ConfigureAwait(false);
        await Console.Error.WriteAsync(parsed.StandardError).ConfigureAwait(false);
        if (parsed.Settings is not { } settings)
        {
            return parsed.ExitCode;
        }

        if (settings.SaslEnabled)
        {
            await Console.Error.WriteAsync(SaslNotSupported.Message).ConfigureAwait(false);
            return SaslNotSupported.ExitCode;
        }

        // Same order as memcached's main(): privileges, then daemonize, then bind, then the pid file.
        if (UnixUser.DropPrivileges(settings.User) is { } failure)
        {
            await Console.Error.WriteAsync(failure.Message).ConfigureAwait(false);
            return failure.ExitCode;
        }

        if (settings.Daemonize && !Daemon.IsDaemonChild)
        {
            Daemon.StartDetachedCopy(["node", .. args]);
            return 0;
        }

        // memcached reads the authfile as the user it runs as, after daemonizing and before binding.
        AsciiAuthenticator? authenticator = null;
        try
        {
            authenticator = settings.AuthFile is { } authFile ? AsciiAuthenticator.Load(authFile) : null;
        }
        catch (AuthFileException ex)
        {
            await Console.Error.WriteAsync(ex.Message).ConfigureAwait(false);
            return ex.ExitCode;
        }

        try
        {
            _ = ListenEndpoints.ToServerOptions(settings);
        }
        catch (ListenAddressException ex)
        {
            await Console.Error.WriteAsync(ex.Message).ConfigureAwait(false);
            return ex.ExitCode;
        }

        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        // As in memcached, SIGHUP reloads the authfile (keeping the old entries if the new file is unusable) and
        // otherwise does not stop the node.
        HangUpSignal.StopIgnoring();
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            authenticator?.Reload();
        });
        WritePidFile(settings.PidFile);
        try
        {
            return await NodeHost.RunAsync(settings, authenticator, stop.Token).ConfigureAwait(false);
        }
        finally
        {
            RemovePidFile(settings.PidFile);
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private static void WritePidFile(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            File.WriteAllText(path, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // memcached reports and keeps running.
            Console.Error.WriteLine($"Could not open the pid file {path} for writing: {ex.Message}");
        }
    }

    private static void RemovePidFile(string? path)
    {
        if (path is not null)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"Could not remove the pid file {path}: {ex.Message}");
            }
        }
    }
}
