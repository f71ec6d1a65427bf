namespace Memgate.Testing.Differential;

/// <summary>
/// A named scenario for the differential harness: steps on one or more connections.
/// Templates are Latin-1 text (each char one byte) with <c>{cas:N}</c> and <c>{pause:MS}</c> markers.
/// </summary>
public sealed class DiffCase
{
    private readonly List<DiffStep> _steps = [];

    public DiffCase(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public IReadOnlyList<DiffStep> Steps => _steps;

    /// <summary>Start with <c>flush_all</c> on a separate connection (default) so cases do not see each other's keys.</summary>
    public bool FlushFirst { get; private set; } = true;

    /// <summary>Adds a step on connection 0.</summary>
    public DiffCase Send(string template) => SendOn(0, template);

    /// <summary>Adds a step on connection <paramref name="connection"/> (opened on first use).</summary>
    public DiffCase SendOn(int connection, string template)
    {
        _steps.Add(DiffStep.Parse(connection, template));
        return this;
    }

    /// <summary>A step without the <c>mn</c> sentinel: replies are read until the server closes or goes quiet.</summary>
    public DiffCase SendWithoutSentinel(string template, int connection = 0)
    {
        _steps.Add(DiffStep.Parse(connection, template, sentinel: false));
        return this;
    }

    /// <summary>Do not flush before the case (for cases about a server's initial state).</summary>
    public DiffCase WithoutFlush()
    {
        FlushFirst = false;
        return this;
    }

    public override string ToString() => Name;
}
