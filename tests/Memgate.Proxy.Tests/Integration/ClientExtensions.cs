using Memgate.Testing;

namespace Memgate.Proxy.Tests.Integration;

/// <summary>Request/reply helpers over <see cref="RawClient"/>.</summary>
internal static class ClientExtensions
{
    /// <summary>Sends a request and reads one line.</summary>
    public static Task<string> LineAsync(this RawClient client, string request) => client.RequestAsync(request, "\r\n");

    /// <summary>Sends a request and reads up to and including END.</summary>
    public static Task<string> EndAsync(this RawClient client, string request) => client.RequestAsync(request, "END\r\n");

    /// <summary>Sends a meta request and reads one meta reply (VA replies include their data line).</summary>
    public static async Task<string> MetaAsync(this RawClient client, string request)
    {
        await client.SendAsync(request);
        ReadResult result = await client.ReadAsync(data =>
        {
            var span = data.Span;
            int line = span.IndexOf("\r\n"u8);
            if (line < 0)
            {
                return -1;
            }

            if (!span.StartsWith("VA "u8))
            {
                return line + 2;
            }

            var tokens = System.Text.Encoding.ASCII.GetString(span[3..line]).Split(' ');
            int total = line + 2 + int.Parse(tokens[0], System.Globalization.CultureInfo.InvariantCulture) + 2;
            return span.Length >= total ? total : -1;
        });
        return result.IsComplete ? result.Text : throw new InvalidOperationException($"no meta reply to {request}: {result}");
    }
}
