using System.Text;
using Memgate.Proxy.Routing;

namespace Memgate.Proxy.Tests.Routing;

public sealed class RepairQueueTests
{
    [Fact]
    public void A_missed_key_is_distrusted_until_forgotten()
    {
        var queue = new RepairQueue(10);
        Assert.True(queue.IsClean);
        queue.Add(Encoding.ASCII.GetBytes("k"));
        Assert.True(queue.Distrusts("k"u8));
        Assert.False(queue.Distrusts("other"u8));
        queue.Forget(Encoding.ASCII.GetBytes("k"));
        Assert.True(queue.IsClean);
    }

    [Fact]
    public void Overflow_marks_the_backend_as_needing_a_flush()
    {
        var queue = new RepairQueue(2);
        queue.Add("a"u8.ToArray());
        queue.Add("b"u8.ToArray());
        Assert.False(queue.Add("c"u8.ToArray()));
        Assert.True(queue.NeedsFlush);
        Assert.True(queue.Distrusts("anything"u8));
        queue.Flushed();
        Assert.True(queue.IsClean);
    }
}
