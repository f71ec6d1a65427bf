using Memgate.Protocol.Text;
using Memgate.Server;

namespace Memgate.Node.Commands;

/// <summary>set, add, replace, append, prepend, cas: the data block has been received and ends with CRLF.</summary>
internal static class StorageCommand
{
    public static void Execute(NodeContext node, ref TextRequest request, ReadOnlySpan<byte> data, OutputBuffer output)
    {
        var mode = request.Command switch
        {
            TextCommand.Add => StoreMode.Add,
            TextCommand.Replace => StoreMode.Replace,
            TextCommand.Append => StoreMode.Append,
            TextCommand.Prepend => StoreMode.Prepend,
            TextCommand.Cas => StoreMode.Cas,
            _ => StoreMode.Set,
        };
        var store = new StoreRequest
        {
            Mode = mode,
            Key = request.Key,
            Data = data,
            ClientFlags = request.ClientFlags,
            ExpTime = node.Engine.ToRelativeExpTime(request.ExpTime),
            CompareCas = request.CasUnique,
        };
        var outcome = ItemStore.Store(node, store, out _);
        if (outcome is StoreOutcome.TooLarge or StoreOutcome.OutOfMemory)
        {
            CountFailedAllocation(node, outcome);
        }
        else
        {
            Interlocked.Increment(ref node.Statistics.CmdSet);
        }

        if (request.NoReply)
        {
            return;
        }

        output.Write(outcome switch
        {
            StoreOutcome.Stored => "STORED\r\n"u8,
            StoreOutcome.Exists => "EXISTS\r\n"u8,
            StoreOutcome.NotFound => "NOT_FOUND\r\n"u8,
            StoreOutcome.NotStored => "NOT_STORED\r\n"u8,
            StoreOutcome.TooLarge => "SERVER_ERROR object too large for cache\r\n"u8,
            _ => "SERVER_ERROR out of memory storing object\r\n"u8,
        });
    }

    public static void CountFailedAllocation(NodeContext node, StoreOutcome outcome)
        => Interlocked.Increment(ref outcome == StoreOutcome.TooLarge ? ref node.Statistics.StoreTooLarge : ref node.Statistics.StoreNoMemory);
}
