using System.Text;

namespace Memgate.Benchmarks;

/// <summary>The requests of the load generator's mixed-32 workload: 16-byte keys, 32-byte values.</summary>
internal static class BenchmarkInputs
{
    public const string HotKey = "memgate:00001234";
    public const string MissingKey = "memgate:99999999";

    public static readonly string Value32 = new('x', 32);

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    public static byte[] GetLine(string key) => Ascii($"get {key}\r\n");

    public static byte[] SetRequest(string key) => Ascii($"set {key} 0 0 32\r\n{Value32}\r\n");

    public static byte[] MetaGetLine(string key) => Ascii($"mg {key} v f t c\r\n");

    public static byte[] MetaSetRequest(string key) => Ascii($"ms {key} 32 T0 F5\r\n{Value32}\r\n");

    /// <summary>Sixteen gets in one receive, as in the pipeline-16 workload.</summary>
    public static byte[] PipelinedGets(string key, int count)
    {
        var batch = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            batch.Append($"get {key}\r\n");
        }

        return Ascii(batch.ToString());
    }
}
