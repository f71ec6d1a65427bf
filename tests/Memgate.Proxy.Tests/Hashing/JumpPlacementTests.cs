using System.Text;
using Memgate.Proxy.Hashing;

namespace Memgate.Proxy.Tests.Hashing;

public sealed class JumpPlacementTests
{
    [Fact]
    public void Growing_by_one_bucket_moves_keys_only_to_the_new_bucket()
    {
        for (ulong key = 0; key < 10_000; key++)
        {
            ulong mixed = key * 0x9E3779B97F4A7C15;
            for (int buckets = 1; buckets < 12; buckets++)
            {
                int before = JumpPlacement.Jump(mixed, buckets);
                int after = JumpPlacement.Jump(mixed, buckets + 1);
                Assert.True(after == before || after == buckets, $"key {key}: {before} -> {after} with {buckets + 1} buckets");
            }
        }
    }

    [Fact]
    public void One_bucket_takes_everything()
    {
        Assert.Equal(0, new JumpPlacement(1).Locate("anything"u8));
    }

    [Fact]
    public void Million_keys_spread_evenly_over_four_servers()
    {
        int[] counts = KetamaRingTests.CountKeys(new JumpPlacement(4), 1_000_000);

        foreach (int count in counts)
        {
            Assert.InRange(count / 1_000_000.0, 0.24, 0.26);
        }
    }

    [Fact]
    public void Same_key_always_maps_to_the_same_server()
    {
        var placement = new JumpPlacement(7);
        byte[] key = Encoding.ASCII.GetBytes("user:42");

        Assert.Equal(placement.Locate(key), placement.Locate(key));
    }
}
