using System.Security.Cryptography;
using Memgate.Proxy.Hashing;

namespace Memgate.Proxy.Tests.Hashing;

public sealed class Md5DigestTests
{
    [Fact]
    public void Digest_equals_the_platform_md5_for_every_length_across_block_boundaries()
    {
        var random = new Random(42);
        for (int length = 0; length <= 300; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            byte[] actual = new byte[16];
            Md5Digest.Hash(data, actual);
            Assert.Equal(MD5.HashData(data), actual);
        }
    }

    [Fact]
    public void Digest_of_the_empty_string_is_the_rfc_1321_vector()
    {
        byte[] actual = new byte[16];
        Md5Digest.Hash([], actual);
        Assert.Equal("d41d8cd98f00b204e9800998ecf8427e", Convert.ToHexStringLower(actual));
    }
}
