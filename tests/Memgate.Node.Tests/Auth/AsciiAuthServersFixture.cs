using Memgate.Node.Tests.Differential;

namespace Memgate.Node.Tests.Auth;

/// <summary>memcached and the node, both with -Y and the two users of memcached's t/authfile.</summary>
public sealed class AsciiAuthServersFixture : DifferentialServersFixture
{
    public const string Users = "foo:bar\nbaaaz:quux\n";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("memgate-auth-");

    public AsciiAuthServersFixture()
    {
        File.WriteAllText(AuthFilePath, Users);
    }

    public string AuthFilePath => Path.Combine(_directory.FullName, "authfile");

    protected override string[] Flags => ["-Y", AuthFilePath];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Delete(recursive: true);
    }
}
