namespace Memgate.Protocol.Binary;

/// <summary>The layout rules of memcached 1.6.18's dispatch_bin_command, in its order.</summary>
public static class BinaryRequestValidator
{
    /// <summary>memcached's KEY_MAX_LENGTH: binary keys have 16 bits of length but items hold at most 250.</summary>
    public const int MaxKeyLength = 250;

    /// <param name="header">The request header.</param>
    /// <param name="loud">The opcode with quiet variants mapped to their loud form (see <see cref="BinaryOpcodes.Loud"/>).</param>
    public static BinaryRequestCheck Check(in BinaryHeader header, BinaryOpcode loud)
    {
        uint key = header.KeyLength;
        uint extras = header.ExtrasLength;
        uint body = header.BodyLength;
        if (key > body || key + extras > body)
        {
            return BinaryRequestCheck.Inconsistent;
        }

        if (key > MaxKeyLength)
        {
            return BinaryRequestCheck.InvalidArguments;
        }

        bool valid;
        switch (loud)
        {
            case BinaryOpcode.Version:
            case BinaryOpcode.Noop:
            case BinaryOpcode.Quit:
            case BinaryOpcode.SaslListMechs:
                valid = extras == 0 && key == 0 && body == 0;
                break;
            case BinaryOpcode.Flush:
                valid = key == 0 && body == extras && (extras == 0 || extras == 4);
                break;
            case BinaryOpcode.Set:
            case BinaryOpcode.Add:
            case BinaryOpcode.Replace:
                valid = extras == 8 && key != 0 && body >= key + 8;
                break;
            case BinaryOpcode.Get:
            case BinaryOpcode.GetK:
            case BinaryOpcode.Delete:
                valid = extras == 0 && key > 0 && body == key;
                break;
            case BinaryOpcode.Increment:
            case BinaryOpcode.Decrement:
                valid = key > 0 && extras == 20 && body == key + 20;
                break;
            case BinaryOpcode.Append:
            case BinaryOpcode.Prepend:
                valid = key > 0 && extras == 0;
                break;
            case BinaryOpcode.Stat:
                valid = extras == 0;
                break;
            case BinaryOpcode.SaslAuth:
            case BinaryOpcode.SaslStep:
                valid = extras == 0 && key != 0;
                break;
            case BinaryOpcode.Touch:
            case BinaryOpcode.Gat:
            case BinaryOpcode.GatK:
                valid = extras == 4 && key != 0;
                break;
            default:
                return BinaryRequestCheck.UnknownOpcode;
        }

        return valid ? BinaryRequestCheck.Valid : BinaryRequestCheck.InvalidArguments;
    }
}
