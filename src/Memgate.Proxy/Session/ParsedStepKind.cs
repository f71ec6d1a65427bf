namespace Memgate.Proxy.Session;

internal enum ParsedStepKind : byte
{
    /// <summary>The request is not complete yet.</summary>
    NeedMore,

    /// <summary>The proxy answers itself (errors, version, stats...).</summary>
    Answer,

    /// <summary>A request for the backends.</summary>
    Forward,

    /// <summary>Answer what came before, then close (quit, memcached's fatal errors).</summary>
    Close,
}
