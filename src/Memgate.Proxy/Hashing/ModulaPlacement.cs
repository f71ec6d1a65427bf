namespace Memgate.Proxy.Hashing;

/// <summary>
/// <c>hash(key) % slots</c> placement: magent's default (DJB hash, no <c>-k</c>) and twemproxy's
/// <c>distribution: modula</c>, where a server of weight w owns w consecutive slots.
/// Remaps almost every key when a server is added; offered for migrations off those proxies.
/// </summary>
/// <remarks>
/// twemproxy sorts a pool's servers by name (shorter names first, then bytewise) while loading its
/// configuration, so its slots follow that order rather than the file's; <see cref="TwemproxySlotOrder"/>
/// reproduces it. magent keeps the command-line order.
/// </remarks>
public sealed class ModulaPlacement : IKeyPlacement
{
    private readonly int[] _slots;
    private readonly KeyHashKind _keyHash;

    /// <summary>Builds a modula placement; weights are optional (all 1 when omitted, which is magent's behaviour).</summary>
    /// <param name="serverCount">Number of servers; <see cref="Locate"/> returns their configuration index.</param>
    /// <param name="keyHash">Key hash.</param>
    /// <param name="weights">Slots per server (twemproxy), or null for one each.</param>
    /// <param name="slotOrder">Server indexes in the order their slots are laid out, or null for configuration order.</param>
    public ModulaPlacement(int serverCount, KeyHashKind keyHash, IReadOnlyList<int>? weights = null, IReadOnlyList<int>? slotOrder = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(serverCount, 1);
        if (weights is not null && weights.Count != serverCount)
        {
            throw new ArgumentException("one weight per server is needed", nameof(weights));
        }

        if (slotOrder is not null && !slotOrder.Order().SequenceEqual(Enumerable.Range(0, serverCount)))
        {
            throw new ArgumentException("the slot order must list every server index once", nameof(slotOrder));
        }

        var slots = new List<int>();
        foreach (int server in slotOrder ?? Enumerable.Range(0, serverCount).ToList())
        {
            int weight = weights?[server] ?? 1;
            ArgumentOutOfRangeException.ThrowIfLessThan(weight, 1, nameof(weights));
            for (int i = 0; i < weight; i++)
            {
                slots.Add(server);
            }
        }

        _slots = slots.ToArray();
        _keyHash = keyHash;
        ServerCount = serverCount;
    }

    /// <inheritdoc />
    public int ServerCount { get; }

    /// <summary>
    /// The order twemproxy lays slots out in: servers sorted by their name (the explicit name, or
    /// "host:port" / "host" as <see cref="KetamaNode.NameFor"/>), shorter names first, then bytewise.
    /// </summary>
    public static IReadOnlyList<int> TwemproxySlotOrder(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return Enumerable.Range(0, names.Count)
            .OrderBy(i => names[i].Length)
            .ThenBy(i => names[i], StringComparer.Ordinal)
            .ToList();
    }

    /// <inheritdoc />
    public int Locate(ReadOnlySpan<byte> key) => _slots[(int)(KeyHashes.Compute(_keyHash, key) % (uint)_slots.Length)];
}
