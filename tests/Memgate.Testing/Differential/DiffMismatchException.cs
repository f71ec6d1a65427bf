namespace Memgate.Testing.Differential;

/// <summary>Thrown by <see cref="DifferentialHarness.AssertSameAsync"/>; the message says where and how the replies differ.</summary>
public sealed class DiffMismatchException : Exception
{
    public DiffMismatchException()
    {
    }

    public DiffMismatchException(string message)
        : base(message)
    {
    }

    public DiffMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
