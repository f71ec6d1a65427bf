using Xunit;

namespace Memgate.Testing;

/// <summary>A [Theory] that needs external tools: skipped locally when they are missing, run (and failing) in CI.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ToolTheoryAttribute : TheoryAttribute
{
    public ToolTheoryAttribute(params Tool[] tools)
    {
        Tools = tools;
        var reason = ToolAvailability.SkipReason(tools);
        if (reason is not null)
        {
            Skip = reason;
        }
    }

    public IReadOnlyList<Tool> Tools { get; }
}
