using System.Text;

namespace Memgate.Testing;

/// <summary>Shows protocol bytes readably in assertion messages (\r, \n, control and high bytes escaped).</summary>
public static class Escaping
{
    public static string Escape(ReadOnlySpan<byte> bytes, int maxChars = int.MaxValue)
        => Escape(Encoding.Latin1.GetString(bytes), maxChars);

    public static string Escape(string latin1, int maxChars = int.MaxValue)
    {
        var sb = new StringBuilder(Math.Min(latin1.Length + 16, 4096));
        foreach (var c in latin1)
        {
            if (sb.Length >= maxChars)
            {
                sb.Append($"…(+{latin1.Length} chars total)");
                break;
            }

            switch (c)
            {
                case '\r': sb.Append("\\r"); break;
                case '\n': sb.Append("\\n\n"); break;
                case '\\': sb.Append("\\\\"); break;
                case < ' ' or > '~': sb.Append($"\\x{(int)c:x2}"); break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }
}
