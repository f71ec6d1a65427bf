namespace Memgate.Testing;

/// <summary>Finds the repository root (the folder holding Memgate.slnx) and build outputs.</summary>
public static class RepositoryLayout
{
    /// <summary>Environment variable that points at a specific memgate.dll (overrides the search).</summary>
    public const string MemgateDllVariable = "MEMGATE_DLL";

    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string RootDirectory => Root.Value;

    /// <summary>"Release" or "Debug": the configuration the test assembly itself was built in.</summary>
    public static string TestConfiguration
    {
        get
        {
            var parts = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            var bin = Array.LastIndexOf(parts, "bin");
            return bin >= 0 && bin + 1 < parts.Length ? parts[bin + 1] : "Release";
        }
    }

    /// <summary>
    /// memgate.dll: <c>$MEMGATE_DLL</c>, else src/Memgate.Cli/bin/&lt;same configuration as the tests&gt;/net10.0,
    /// else the other configuration.
    /// </summary>
    public static string MemgateDll()
    {
        var overridden = Environment.GetEnvironmentVariable(MemgateDllVariable);
        if (!string.IsNullOrEmpty(overridden))
        {
            return File.Exists(overridden)
                ? overridden
                : throw new FileNotFoundException($"{MemgateDllVariable} points at a missing file", overridden);
        }

        var configurations = new[] { TestConfiguration, "Release", "Debug" }.Distinct(StringComparer.Ordinal);
        var candidates = configurations
            .Select(c => Path.Combine(RootDirectory, "src", "Memgate.Cli", "bin", c, "net10.0", "memgate.dll"))
            .ToArray();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                "memgate.dll not built; run `dotnet build Memgate.slnx -c Release`. Looked at: " + string.Join(", ", candidates));
    }

    /// <summary>The dotnet host that runs this test process (falls back to `dotnet` on PATH).</summary>
    public static string DotnetHost()
    {
        var root = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(root) && File.Exists(root))
        {
            return root;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Memgate.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("no Memgate.slnx above " + AppContext.BaseDirectory);
    }
}
