namespace Memgate.LoadGen;

/// <summary>xorshift64*: a per-connection generator that costs a few instructions and no allocation.</summary>
internal struct FastRandom
{
    private ulong _state;

    public FastRandom(int seed) => _state = 0x9E3779B97F4A7C15UL ^ (ulong)(uint)seed ^ ((ulong)(uint)seed << 32) | 1;

    public int Next(int exclusiveMax) => (int)((NextUInt64() >> 32) * (ulong)exclusiveMax >> 32);

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    private ulong NextUInt64()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return _state * 0x2545F4914F6CDD1DUL;
    }
}
