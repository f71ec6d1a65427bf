namespace Memgate.Proxy.Configuration;

/// <summary><c>memgate proxy --check-config FILE</c>: load, validate, report, and return an exit code.</summary>
public static class ProxyConfigCheck
{
    /// <summary>Writes "OK" or one line per error to <paramref name="output"/>; returns 0 when valid, 1 otherwise.</summary>
    public static int Run(string jsonPath, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ProxySettings settings = ProxyConfigurationLoader.Load(jsonPath, environment: null, out IReadOnlyList<string> loadErrors);
        IReadOnlyList<string> errors = loadErrors.Count > 0 ? loadErrors : ProxySettingsValidator.Validate(settings);
        foreach (string error in errors)
        {
            output.WriteLine("error: " + error);
        }

        if (errors.Count == 0)
        {
            output.WriteLine($"{jsonPath}: OK ({settings.Pools.Count} pools, {settings.Pools.Sum(p => p.Servers.Count)} servers)");
        }

        return errors.Count == 0 ? 0 : 1;
    }
}
