namespace Memgate.LoadGen;

/// <summary>What one batch on a connection looks like.</summary>
internal enum Workload
{
    /// <summary>One request per round trip: a get, or a set with probability <c>--set-ratio</c>.</summary>
    Mixed,

    /// <summary><c>--depth</c> gets written in one send, then all replies read.</summary>
    Pipeline,

    /// <summary>One <c>get k1 … kN</c> with <c>--multiget</c> keys per round trip.</summary>
    Multiget,

    /// <summary>Only the preload (every key set once); used to measure memory per item.</summary>
    Preload,
}
