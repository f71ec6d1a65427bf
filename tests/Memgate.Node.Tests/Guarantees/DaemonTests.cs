using System.Globalization;
using Memgate.Testing;

namespace Memgate.Node.Tests.Guarantees;

/// <summary>
/// -d -P: the started process returns 0 at once, a detached server keeps running under the PID written to the pid
/// file (the same PID "stats" reports), serves requests, and stops on SIGTERM sent to that PID, removing the file.
/// </summary>
public sealed class DaemonTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task With_d_and_P_the_daemon_writes_its_pid_serves_and_stops_on_SIGTERM_to_that_pid(ServerKind kind)
    {
        var directory = Directory.CreateTempSubdirectory("memgate-daemon-");
        var pidFile = Path.Combine(directory.FullName, "node.pid");
        var port = FreePort.Pick();
        var daemonPid = 0;
        try
        {
            await using (var launcher = BareLaunch.Start(kind, ["-d", "-P", pidFile, "-p", port.ToString(CultureInfo.InvariantCulture), "-l", "127.0.0.1"]))
            {
                Assert.True(await launcher.WaitForExitAsync(Timeout), "the foreground process did not return: " + launcher.Describe());
                Assert.Equal(0, launcher.ExitCode);
                Assert.True(await BareLaunch.WaitUntilAsync(() => File.Exists(pidFile) && File.ReadAllText(pidFile).EndsWith('\n'), Timeout), "no pid file");
                daemonPid = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
                Assert.NotEqual(launcher.Id, daemonPid);
            }

            Assert.True(ProcessMemory.IsAlive(daemonPid), $"pid {daemonPid} from the pid file is not running");
            Assert.True(await BareLaunch.WaitUntilAsync(() => PortAccepts(port), Timeout), "the daemon does not listen");
            await using (var client = await RawClient.ConnectAsync(port))
            {
                Assert.Equal("STORED\r\n", await client.RequestAsync("set d 0 0 1\r\nx\r\n"));
                Assert.Equal(daemonPid, (await StatsSnapshot.ReadAsync(client))["pid"]);
            }

            Assert.True(PosixSignals.Send(daemonPid, PosixSignals.SigTerm));
            Assert.True(await BareLaunch.WaitUntilAsync(() => !ProcessMemory.IsAlive(daemonPid), TimeSpan.FromSeconds(10)), $"pid {daemonPid} survived SIGTERM");
            Assert.True(await BareLaunch.WaitUntilAsync(() => !File.Exists(pidFile), TimeSpan.FromSeconds(2)), "the pid file was left behind");
        }
        finally
        {
            if (daemonPid > 0 && ProcessMemory.IsAlive(daemonPid))
            {
                PosixSignals.Send(daemonPid, PosixSignals.SigKill);
            }

            directory.Delete(recursive: true);
        }
    }

    private static bool PortAccepts(int port)
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        try
        {
            socket.Connect(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
