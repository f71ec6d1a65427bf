using Memgate.Protocol.Text;
using Memgate.Server;

namespace Memgate.Node.Commands;

/// <summary>ms &lt;key&gt; &lt;datalen&gt; &lt;flags&gt;*: the data block has been received and ends with CRLF.</summary>
internal static class MetaSetCommand
{
    public static void Execute(NodeContext node, ref TextRequest request, ReadOnlySpan<byte> data, OutputBuffer output)
    {
        var meta = request.Meta;
        var mode = meta.Mode switch
        {
            (byte)'E' => StoreMode.Add,
            (byte)'A' => StoreMode.Append,
            (byte)'P' => StoreMode.Prepend,
            (byte)'R' => StoreMode.Replace,
            _ => StoreMode.Set,
        };
        bool hasCas = meta.Has('C');

        // memcached upgrades set and replace to a CAS store when a CAS is supplied.
        if (hasCas && mode is StoreMode.Set or StoreMode.Replace)
        {
            mode = StoreMode.Cas;
        }

        var store = new StoreRequest
        {
            Mode = mode,
            Key = request.Key,
            Data = data,
            ClientFlags = meta.ClientFlags,
            ExpTime = meta.Has('T') ? node.Engine.ToRelativeExpTime(meta.Ttl) : 0,
            CompareCas = hasCas ? meta.CompareCas : 0,
            AllowStale = meta.Has('I') && mode == StoreMode.Cas,
            ExplicitCas = meta.Has('E') ? meta.ExplicitCas : 0,
            KeyIsBinary = meta.Has('b'),
        };
        var outcome = ItemStore.Store(node, store, out ulong cas);
        if (outcome is StoreOutcome.TooLarge or StoreOutcome.OutOfMemory)
        {
            StorageCommand.CountFailedAllocation(node, outcome);
            output.Write(outcome == StoreOutcome.TooLarge
                ? "SERVER_ERROR object too large for cache\r\n"u8
                : "SERVER_ERROR out of memory storing object\r\n"u8);
            return;
        }

        Interlocked.Increment(ref node.Statistics.CmdSet);
        if (outcome == StoreOutcome.Stored && meta.Quiet)
        {
            return;
        }

        output.Write(outcome switch
        {
            StoreOutcome.Stored => "HD"u8,
            StoreOutcome.Exists => "EX"u8,
            StoreOutcome.NotFound => "NF"u8,
            _ => "NS"u8,
        });
        var tokens = new TokenReader(meta.Raw);
        while (tokens.TryRead(out var token))
        {
            if (token[0] == (byte)'c')
            {
                output.WriteMetaFlag((byte)'c');
                output.WriteNumber(cas);
            }
            else
            {
                MetaKeyEcho.TryWrite(token, request.Key, meta.Has('b'), output);
            }
        }

        output.WriteCrLf();
    }
}
