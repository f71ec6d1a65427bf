namespace Memgate.Protocol.Binary;

/// <summary>Opcode facts shared by the node and the proxy.</summary>
public static class BinaryOpcodes
{
    /// <summary>
    /// The loud opcode a quiet variant stands for (GETQ → GET, SETQ → SET, ...); <paramref name="quiet"/> says
    /// whether success replies are suppressed. Other opcodes are returned unchanged.
    /// </summary>
    public static BinaryOpcode Loud(byte opcode, out bool quiet)
    {
        quiet = true;
        switch ((BinaryOpcode)opcode)
        {
            case BinaryOpcode.GetQ: return BinaryOpcode.Get;
            case BinaryOpcode.GetKQ: return BinaryOpcode.GetK;
            case BinaryOpcode.SetQ: return BinaryOpcode.Set;
            case BinaryOpcode.AddQ: return BinaryOpcode.Add;
            case BinaryOpcode.ReplaceQ: return BinaryOpcode.Replace;
            case BinaryOpcode.DeleteQ: return BinaryOpcode.Delete;
            case BinaryOpcode.IncrementQ: return BinaryOpcode.Increment;
            case BinaryOpcode.DecrementQ: return BinaryOpcode.Decrement;
            case BinaryOpcode.QuitQ: return BinaryOpcode.Quit;
            case BinaryOpcode.FlushQ: return BinaryOpcode.Flush;
            case BinaryOpcode.AppendQ: return BinaryOpcode.Append;
            case BinaryOpcode.PrependQ: return BinaryOpcode.Prepend;
            case BinaryOpcode.GatQ: return BinaryOpcode.Gat;
            case BinaryOpcode.GatKQ: return BinaryOpcode.GatK;
            default:
                quiet = false;
                return (BinaryOpcode)opcode;
        }
    }

    /// <summary>Whether the opcode's value follows extras and key (and is consumed with the request).</summary>
    public static bool CarriesValue(BinaryOpcode loud)
        => loud is BinaryOpcode.Set or BinaryOpcode.Add or BinaryOpcode.Replace or BinaryOpcode.Append or BinaryOpcode.Prepend;
}
