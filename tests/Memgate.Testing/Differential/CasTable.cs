using System.Globalization;

namespace Memgate.Testing.Differential;

/// <summary>
/// Per-server map between real CAS values and ordinals (1 = first distinct CAS value seen in this
/// case's replies). Two servers agree when the same ordinals appear in the same places.
/// CAS 0 ("no CAS") is kept as 0.
/// </summary>
public sealed class CasTable
{
    /// <summary>Sent for a placeholder whose ordinal was never seen: a value no server hands out here.</summary>
    public const ulong UnknownCas = 9_999_999_999_999UL;

    private readonly Dictionary<ulong, int> _ordinals = [];
    private readonly List<ulong> _values = [];

    public int Count => _values.Count;

    /// <summary>The ordinal text for a raw CAS token (unchanged if it is not a number).</summary>
    public string Normalise(string raw)
    {
        if (!ulong.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value == 0)
        {
            return raw;
        }

        if (!_ordinals.TryGetValue(value, out var ordinal))
        {
            _values.Add(value);
            ordinal = _values.Count;
            _ordinals[value] = ordinal;
        }

        return "#" + ordinal.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The real CAS value for <paramref name="ordinal"/>, or <see cref="UnknownCas"/>.</summary>
    public ulong Resolve(int ordinal) => ordinal >= 1 && ordinal <= _values.Count ? _values[ordinal - 1] : UnknownCas + (ulong)Math.Max(ordinal, 0);
}
