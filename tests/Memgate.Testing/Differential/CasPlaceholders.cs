using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Memgate.Testing.Differential;

/// <summary>Expands <c>{cas:N}</c> in a template to the N-th CAS value this server returned (see <see cref="CasTable"/>).</summary>
public static partial class CasPlaceholders
{
    public static byte[] Expand(string template, CasTable table)
    {
        var expanded = CasPattern().Replace(
            template,
            m => table.Resolve(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture));
        return Encoding.Latin1.GetBytes(expanded);
    }

    /// <summary>The placeholder text for ordinal <paramref name="ordinal"/>.</summary>
    public static string For(int ordinal) => "{cas:" + ordinal.ToString(CultureInfo.InvariantCulture) + "}";

    [GeneratedRegex(@"\{cas:(\d+)\}")]
    private static partial Regex CasPattern();
}
