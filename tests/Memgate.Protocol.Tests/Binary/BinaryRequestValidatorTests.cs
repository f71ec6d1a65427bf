using Memgate.Protocol.Binary;

namespace Memgate.Protocol.Tests.Binary;

/// <summary>The layout rules of memcached 1.6.18's dispatch_bin_command.</summary>
public sealed class BinaryRequestValidatorTests
{
    [Theory]
    [InlineData(0x00, 3, 0, 3, BinaryRequestCheck.Valid)]
    [InlineData(0x00, 3, 0, 2, BinaryRequestCheck.Inconsistent)]
    [InlineData(0x01, 3, 8, 10, BinaryRequestCheck.Inconsistent)]
    [InlineData(0x00, 251, 0, 251, BinaryRequestCheck.InvalidArguments)]
    [InlineData(0x30, 251, 0, 251, BinaryRequestCheck.InvalidArguments)]
    [InlineData(0x00, 3, 4, 7, BinaryRequestCheck.InvalidArguments)]
    [InlineData(0x00, 0, 0, 0, BinaryRequestCheck.InvalidArguments)]
    [InlineData(0x01, 3, 8, 11, BinaryRequestCheck.Valid)]
    [InlineData(0x11, 3, 8, 100, BinaryRequestCheck.Valid)]
    [InlineData(0x01, 3, 0, 5, BinaryRequestCheck.InvalidArguments)]
    [InlineData(0x05, 1, 20, 21, BinaryRequestCheck.Valid)]
    [InlineData(0x05, 1, 20, 22, BinaryRequestCheck.InvalidArguments)]
    [InlineData(0x0e, 1, 0, 50, BinaryRequestCheck.Valid)]
    [InlineData(0x0e, 1, 4, 50, BinaryRequestCheck.InvalidArguments)]
    [InlineData(0x08, 0, 4, 4, BinaryRequestCheck.Valid)]
    [InlineData(0x08, 0, 3, 3, BinaryRequestCheck.InvalidArguments)]
    [InlineData(0x0a, 0, 0, 1, BinaryRequestCheck.InvalidArguments)]
    [InlineData(0x10, 5, 0, 90, BinaryRequestCheck.Valid)]
    [InlineData(0x1c, 1, 4, 90, BinaryRequestCheck.Valid)]
    [InlineData(0x24, 0, 4, 4, BinaryRequestCheck.InvalidArguments)]
    [InlineData(0x21, 5, 0, 9, BinaryRequestCheck.Valid)]
    [InlineData(0x1b, 0, 0, 0, BinaryRequestCheck.UnknownOpcode)]
    [InlineData(0x3c, 3, 2, 10, BinaryRequestCheck.UnknownOpcode)]
    public void Layouts_are_checked_as_memcached_does(byte opcode, int key, int extras, uint body, BinaryRequestCheck expected)
    {
        var header = new BinaryHeader(0x80, opcode, (ushort)key, (byte)extras, 0, 0, body, 0, 0);
        Assert.Equal(expected, BinaryRequestValidator.Check(header, BinaryOpcodes.Loud(opcode, out _)));
    }

    [Theory]
    [InlineData(BinaryOpcode.GetQ, BinaryOpcode.Get)]
    [InlineData(BinaryOpcode.GetKQ, BinaryOpcode.GetK)]
    [InlineData(BinaryOpcode.GatKQ, BinaryOpcode.GatK)]
    [InlineData(BinaryOpcode.QuitQ, BinaryOpcode.Quit)]
    [InlineData(BinaryOpcode.PrependQ, BinaryOpcode.Prepend)]
    public void Quiet_opcodes_map_to_their_loud_form(BinaryOpcode quiet, BinaryOpcode loud)
    {
        Assert.Equal(loud, BinaryOpcodes.Loud((byte)quiet, out bool isQuiet));
        Assert.True(isQuiet);
        Assert.Equal(loud, BinaryOpcodes.Loud((byte)loud, out isQuiet));
        Assert.False(isQuiet);
    }
}
