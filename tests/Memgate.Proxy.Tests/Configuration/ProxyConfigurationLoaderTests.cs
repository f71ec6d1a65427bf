using System.Collections;
using Memgate.Proxy.Configuration;
using Memgate.Proxy.Hashing;

namespace Memgate.Proxy.Tests.Configuration;

public sealed class ProxyConfigurationLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("memgate-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Json_file_binds_pools_timeouts_and_health()
    {
        string path = Write("""
            {
              "port": 12000,
              "pools": [
                { "name": "main", "servers": ["10.0.0.1:11211:2", "10.0.0.2:11211 second"], "replicaPool": "backup" },
                { "name": "backup", "servers": ["10.0.0.3"], "distribution": "jump" }
              ],
              "timeouts": { "connectMs": 100 },
              "health": { "timeoutsToMarkDown": 5, "probeInitialMs": 200 }
            }
            """);

        ProxySettings s = ProxyConfigurationLoader.Load(path, new Hashtable(), out IReadOnlyList<string> errors);

        Assert.Empty(errors);
        Assert.Empty(ProxySettingsValidator.Validate(s));
        Assert.Equal(12000, s.Port);
        Assert.Equal(2, s.Pools.Count);
        Assert.Equal("backup", s.Pools[0].ReplicaPool);
        Assert.Equal(100, s.Timeouts.ConnectMs);
        Assert.Equal(1000, s.Timeouts.RequestMs);
        Assert.Equal(5, s.Health.TimeoutsToMarkDown);
        Assert.IsType<KetamaRing>(PoolPlacement.Create(s.Pools[0]));
        Assert.IsType<JumpPlacement>(PoolPlacement.Create(s.Pools[1]));
    }

    [Fact]
    public void Environment_variables_override_the_file()
    {
        string path = Write("""{ "pools": [ { "name": "main", "servers": ["10.0.0.1", "10.0.0.2"] } ] }""");
        var env = new Hashtable
        {
            ["MEMGATE_Timeouts__RequestMs"] = "300",
            ["MEMGATE_Pools__0__Servers__1"] = "10.0.0.9:11300",
            ["OTHER_Port"] = "1",
        };

        ProxySettings s = ProxyConfigurationLoader.Load(path, env, out IReadOnlyList<string> errors);

        Assert.Empty(errors);
        Assert.Equal(300, s.Timeouts.RequestMs);
        Assert.Equal(["10.0.0.1", "10.0.0.9:11300"], s.Pools[0].Servers);
        Assert.Equal(11211, s.Port);
    }

    [Fact]
    public void Check_config_names_the_bad_field()
    {
        string path = Write("""
            { "pools": [ { "name": "main", "servers": ["10.0.0.1:11211", "foo:bar"], "hash": "sha1", "replicaPool": "nope" } ],
              "timeouts": { "requestMs": 0 } }
            """);
        var output = new StringWriter();

        int exit = ProxyConfigCheck.Run(path, output);

        Assert.Equal(1, exit);
        string text = output.ToString();
        Assert.Contains("pools[0].servers[1]: 'foo:bar' is not host:port", text, StringComparison.Ordinal);
        Assert.Contains("pools[0].hash: 'sha1' is not one of", text, StringComparison.Ordinal);
        Assert.Contains("pools[0].replicaPool: no pool is named 'nope'", text, StringComparison.Ordinal);
        Assert.Contains("timeouts.requestMs: 0 must be at least 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_config_accepts_a_good_file()
    {
        string path = Write("""{ "pools": [ { "name": "main", "servers": ["[::1]:11211", "localhost:11212:3"] } ] }""");
        var output = new StringWriter();

        Assert.Equal(0, ProxyConfigCheck.Run(path, output));
        Assert.Contains("OK (1 pools, 2 servers)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_and_unknown_fields_are_load_errors()
    {
        ProxyConfigurationLoader.Load(Write("{ \"pools\": [ "), new Hashtable(), out IReadOnlyList<string> broken);
        ProxyConfigurationLoader.Load(Write("""{ "poools": [] }"""), new Hashtable(), out IReadOnlyList<string> unknown);
        ProxyConfigurationLoader.Load(Path.Combine(_dir, "missing.json"), new Hashtable(), out IReadOnlyList<string> missing);

        Assert.NotEmpty(broken);
        Assert.Contains(unknown, e => e.Contains("poools", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(missing, e => e.Contains("file not found", StringComparison.Ordinal));
    }

    private string Write(string json)
    {
        string path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
