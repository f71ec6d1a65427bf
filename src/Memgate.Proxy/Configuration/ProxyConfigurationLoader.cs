using System.Collections;
using Microsoft.Extensions.Configuration;

namespace Memgate.Proxy.Configuration;

/// <summary>
/// Reads <see cref="ProxySettings"/> from a JSON file, then lets environment variables prefixed
/// <c>MEMGATE_</c> override any field (<c>MEMGATE_Timeouts__RequestMs=500</c>,
/// <c>MEMGATE_Pools__0__Servers__1=10.0.0.2:11211</c>), as containers and systemd units expect.
/// </summary>
public static class ProxyConfigurationLoader
{
    /// <summary>The environment variable prefix.</summary>
    public const string EnvironmentPrefix = "MEMGATE_";

    /// <summary>
    /// Loads settings; problems reading or binding the file are returned in <paramref name="errors"/>
    /// (field-level validation is <see cref="ProxySettingsValidator"/>'s job).
    /// </summary>
    /// <param name="jsonPath">The JSON file, or null for defaults plus environment only.</param>
    /// <param name="environment">Variables to apply instead of the process environment (tests); null for the real one.</param>
    /// <param name="errors">Receives load errors.</param>
    public static ProxySettings Load(string? jsonPath, IDictionary? environment, out IReadOnlyList<string> errors)
    {
        var found = new List<string>();
        errors = found;
        var builder = new ConfigurationBuilder();
        if (jsonPath is not null)
        {
            if (!File.Exists(jsonPath))
            {
                found.Add($"{jsonPath}: file not found");
                return new ProxySettings();
            }

            builder.AddJsonFile(Path.GetFullPath(jsonPath), optional: false, reloadOnChange: false);
        }

        if (environment is null)
        {
            builder.AddEnvironmentVariables(EnvironmentPrefix);
        }
        else
        {
            builder.AddInMemoryCollection(FromEnvironment(environment));
        }

        try
        {
            IConfigurationRoot root = builder.Build();
            return root.Get<ProxySettings>(o => o.ErrorOnUnknownConfiguration = true) ?? new ProxySettings();
        }
        catch (InvalidDataException ex)
        {
            // Malformed JSON: the message carries line and position.
            found.Add($"{jsonPath}: {ex.InnerException?.Message ?? ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            // Unknown field or a value of the wrong type; the binder names the key ("pools:0:port").
            found.Add(ex.Message);
        }

        return new ProxySettings();
    }

    // Same mapping as AddEnvironmentVariables: prefix stripped, "__" becomes the section separator.
    private static IEnumerable<KeyValuePair<string, string?>> FromEnvironment(IDictionary environment)
    {
        foreach (DictionaryEntry entry in environment)
        {
            string key = (string)entry.Key;
            if (key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                yield return new(key[EnvironmentPrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), (string?)entry.Value);
            }
        }
    }
}
