using System.Text;
using Memgate.Proxy.Hashing;

namespace Memgate.Proxy.Tests.Hashing;

public sealed class ModulaPlacementTests
{
    [Theory]
    [InlineData("twemproxy-modula-md5-4.tsv", KeyHashKind.Md5)]
    [InlineData("twemproxy-modula-fnv1_32-4.tsv", KeyHashKind.Fnv1_32)]
    [InlineData("twemproxy-modula-fnv1a_32-4.tsv", KeyHashKind.Fnv1a_32)]
    [InlineData("twemproxy-modula-fnv1_64-4.tsv", KeyHashKind.Fnv1_64)]
    [InlineData("twemproxy-modula-fnv1a_64-4-weights.tsv", KeyHashKind.Fnv1a_64)]
    [InlineData("twemproxy-modula-crc32-4.tsv", KeyHashKind.Crc32)]
    [InlineData("twemproxy-modula-crc32a-4.tsv", KeyHashKind.Crc32a)]
    [InlineData("twemproxy-modula-one_at_a_time-4.tsv", KeyHashKind.OneAtATime)]
    public void Modula_reproduces_twemproxy_placement(string vectorFile, KeyHashKind keyHash)
    {
        PlacementVector vector = PlacementVector.Load(vectorFile);
        var placement = new ModulaPlacement(
            vector.Servers.Count,
            keyHash,
            vector.Servers.Select(s => s.Weight).ToList(),
            ModulaPlacement.TwemproxySlotOrder(vector.Servers.Select(s => s.Name).ToList()));

        Assert.Empty(vector.Mismatches(placement));
    }

    [Fact]
    public void Twemproxy_slot_order_puts_shorter_names_first_then_bytewise()
    {
        Assert.Equal([2, 1, 0], ModulaPlacement.TwemproxySlotOrder(["b:100", "a:100", "z:9"]));
    }

    [Theory]
    [InlineData("", 5381u)]
    [InlineData("a", 177670u)]
    [InlineData("ab", 5863208u)]
    public void Magent_djb_hash_matches_hand_computed_values(string key, uint expected)
    {
        Assert.Equal(expected, KeyHashes.Compute(KeyHashKind.MagentDjb, Encoding.ASCII.GetBytes(key)));
    }

    [Fact]
    public void Magent_djb_hash_sign_extends_high_bytes_like_magent_on_x86()
    {
        // magent hashes through a signed char: 0xFF adds -1, i.e. 5381*33 - 1.
        Assert.Equal(177572u, KeyHashes.Compute(KeyHashKind.MagentDjb, [0xFF]));
    }

    [Fact]
    public void Magent_modula_is_djb_mod_server_count()
    {
        var placement = new ModulaPlacement(3, KeyHashKind.MagentDjb);

        Assert.Equal((int)(177670u % 3), placement.Locate("a"u8));
    }
}
