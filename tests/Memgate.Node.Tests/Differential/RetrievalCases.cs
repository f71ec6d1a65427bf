using System.Text;
using Memgate.Testing.Differential;

namespace Memgate.Node.Tests.Differential;

/// <summary>Hand-written differential cases: get/gets/gat/gats/bget, touch, delete, long multigets.</summary>
public static class RetrievalCases
{
    public static IEnumerable<DiffCase> All()
    {
        yield return new DiffCase("get_miss_returns_END").Send("get nothing\r\n");
        yield return new DiffCase("get_multiple_keys_returns_hits_in_request_order_and_skips_misses")
            .Send("set a 1 0 1\r\na\r\nset c 3 0 1\r\nc\r\nget c b a\r\ngets a b c\r\n");
        yield return new DiffCase("get_same_key_twice_returns_it_twice").Send("set a 0 0 1\r\na\r\nget a a\r\n");
        yield return new DiffCase("gets_unique_changes_after_every_update")
            .Send("set a 0 0 1\r\na\r\ngets a\r\nset a 0 0 1\r\nb\r\ngets a\r\nappend a 0 0 1\r\nc\r\ngets a\r\ntouch a 1000\r\ngets a\r\n");
        yield return new DiffCase("get_without_key_returns_ERROR").Send("get\r\ngets\r\nget \r\n");
        yield return new DiffCase("get_with_251_byte_key_fails_the_whole_request").Send("set a 0 0 1\r\na\r\n").Send($"get a {new string('x', 251)}\r\nget a\r\n");
        // memcached 1.6.18 also discards the replies queued earlier in the same read batch.
        yield return new DiffCase("get_with_251_byte_key_drops_earlier_replies_of_the_same_batch").Send($"set a 0 0 1\r\na\r\nget a {new string('x', 251)}\r\n");
        yield return new DiffCase("bget_is_an_alias_of_get").Send("set a 0 0 1\r\na\r\nbget a\r\n");
        yield return new DiffCase("gat_returns_value_and_gats_returns_cas").Send("set a 0 0 1\r\na\r\ngat 1000 a b\r\ngats 0 a\r\n");
        yield return new DiffCase("gat_with_negative_exptime_returns_value_then_expires").Send("set a 0 0 1\r\na\r\ngat -1 a\r\nget a\r\n");
        yield return new DiffCase("gat_with_invalid_exptime_returns_CLIENT_ERROR").Send("set a 0 0 1\r\na\r\ngat abc a\r\ngats x a\r\n");
        yield return new DiffCase("gat_without_keys_returns_ERROR").Send("gat 10\r\ngats\r\ngat\r\n");
        yield return new DiffCase("touch_hit_returns_TOUCHED_and_miss_NOT_FOUND").Send("set a 0 0 1\r\na\r\ntouch a 1000\r\ntouch b 1000\r\nget a\r\n");
        yield return new DiffCase("touch_with_negative_exptime_removes_item").Send("set a 0 0 1\r\na\r\ntouch a -1\r\nget a\r\n");
        yield return new DiffCase("touch_with_invalid_exptime_returns_CLIENT_ERROR").Send("set a 0 0 1\r\na\r\ntouch a abc\r\ntouch a\r\n");
        yield return new DiffCase("touch_noreply_is_silent").Send("set a 0 0 1\r\na\r\ntouch a 1000 noreply\r\ntouch b 1000 noreply\r\nget a\r\n");
        yield return new DiffCase("delete_existing_returns_DELETED_then_NOT_FOUND").Send("set a 0 0 1\r\na\r\ndelete a\r\ndelete a\r\nget a\r\n");
        yield return new DiffCase("delete_noreply_is_silent").Send("set a 0 0 1\r\na\r\ndelete a noreply\r\ndelete a noreply\r\nget a\r\n");
        yield return new DiffCase("delete_with_legacy_zero_time_is_accepted").Send("set a 0 0 1\r\na\r\nset b 0 0 1\r\nb\r\ndelete a 0\r\ndelete b 0 noreply\r\nget a b\r\n");
        yield return new DiffCase("delete_with_nonzero_time_returns_usage_error").Send("set a 0 0 1\r\na\r\ndelete a 10\r\ndelete a x\r\ndelete a 0 0\r\nget a\r\n");
        yield return new DiffCase("delete_without_key_returns_ERROR").Send("delete\r\n");

        var sets = new StringBuilder();
        for (var i = 0; i < 1000; i++)
        {
            sets.Append("set key").Append(i).Append(" 0 0 ").Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture).Length).Append("\r\n").Append(i).Append("\r\n");
        }

        var get = new StringBuilder("get");
        for (var i = 0; i < 5000; i++)
        {
            get.Append(" key").Append(i % 1200);
        }

        yield return new DiffCase("get_with_5000_keys_returns_every_hit").Send(sets.ToString()).Send(get.Append("\r\n").ToString());
        yield return new DiffCase("gets_with_2000_keys_returns_every_hit_with_cas")
            .Send(sets.ToString())
            .Send("gets" + string.Concat(Enumerable.Range(0, 2000).Select(i => " key" + (i % 50))) + "\r\n");
        yield return new DiffCase("get_line_with_2048_spaces_arriving_before_the_key_is_kept")
            .Send("set a 0 0 1\r\na\r\n")
            .Send("get " + new string(' ', 2048) + "{pause:300}a\r\n");
        yield return new DiffCase("get_of_30000_byte_key_list_split_across_packets")
            .Send("set a 0 0 1\r\na\r\n")
            .Send("get" + string.Concat(Enumerable.Repeat(" a", 8000)) + "{pause:200}" + string.Concat(Enumerable.Repeat(" b", 7000)) + " a\r\n");
    }
}
