namespace Memgate.Proxy.Routing;

/// <summary>What <see cref="WriteFence"/> saw of a key's writes before a warm-up read (see <see cref="WriteFence.Mark"/>).</summary>
public readonly record struct FenceMark(int Stripe, long KeyWrites, long GlobalWrites, bool Quiet);
