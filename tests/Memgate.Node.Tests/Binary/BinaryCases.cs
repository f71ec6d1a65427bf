using Memgate.Protocol.Binary;
using static Memgate.Node.Tests.Binary.BinaryPacket;
using Op = Memgate.Protocol.Binary.BinaryOpcode;

namespace Memgate.Node.Tests.Binary;

/// <summary>The differential case book for the binary protocol: every opcode, the quiet forms, CAS, errors and malformed packets.</summary>
public static class BinaryCases
{
    private static readonly byte[] NoExpiry = Expiration(0);

    public static IReadOnlyList<BinaryCase> All { get; } = Build();

    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var c in All)
            {
                data.Add(c.Name);
            }

            return data;
        }
    }

    public static BinaryCase Named(string name) => All.Single(c => c.Name == name);

    private static List<BinaryCase> Build() =>
    [
        Case("set_then_every_get_form", Concat(
            Store(Op.Set, "g1", "hello", flags: 5), Get(Op.Get, "g1"), Get(Op.GetK, "g1"), Get(Op.GetQ, "g1"), Get(Op.GetKQ, "g1"),
            Get(Op.GetQ, "g1-miss"), Get(Op.GetKQ, "g1-miss"), Get(Op.Get, "g1-miss"), Get(Op.GetK, "g1-miss"))),
        Case("multiget_getkq_batch_ends_with_noop", Concat(
            Store(Op.SetQ, "m1", "one"), Store(Op.SetQ, "m3", "three"),
            Get(Op.GetKQ, "m1"), Get(Op.GetKQ, "m2"), Get(Op.GetKQ, "m3"), Noop(7))),
        Case("add_on_existing_and_missing", Concat(
            Store(Op.Set, "a1", "x"), Store(Op.Add, "a1", "y"), Store(Op.AddQ, "a1", "y"), Store(Op.AddQ, "a2", "z"), Get(Op.Get, "a2"))),
        Case("replace_on_missing_and_existing", Concat(
            Store(Op.Replace, "r-miss", "x"), Store(Op.ReplaceQ, "r-miss", "x"), Store(Op.Set, "r1", "x"),
            Store(Op.Replace, "r1", "y", flags: 1), Store(Op.ReplaceQ, "r1", "z", flags: 2), Get(Op.Get, "r1"))),
        Case("append_prepend_and_quiet_forms", Concat(
            Store(Op.Set, "ap", "mid", flags: 9, expiration: 1000), Request(Op.Append, "ap", value: "-tail"u8.ToArray()),
            Request(Op.Prepend, "ap", value: "head-"u8.ToArray()), Request(Op.AppendQ, "ap", value: "!"u8.ToArray()),
            Request(Op.PrependQ, "ap-miss", value: "!"u8.ToArray()), Request(Op.Append, "ap-miss", value: "!"u8.ToArray()), Get(Op.Get, "ap"))),
        Case("append_with_wrong_cas", Concat(Store(Op.Set, "apc", "v"), Request(Op.Append, "apc", value: "x"u8.ToArray(), cas: 1))),
        new("set_with_matching_and_stale_cas",
        [
            Store(Op.Set, "c1", "1"),
            new BinaryStep(r => Store(Op.Set, "c1", "2", cas: r[^2].Cas)),
            new BinaryStep(r => Store(Op.Set, "c1", "3", cas: r[^4].Cas)),
            Get(Op.Get, "c1"),
        ]),
        Case("add_and_replace_with_cas_behave_as_cas", Concat(
            Store(Op.Set, "c2", "v"), Store(Op.Add, "c2", "x", cas: 12345), Store(Op.Add, "c2-miss", "x", cas: 12345),
            Store(Op.Replace, "c2-miss", "x", cas: 1))),
        new("delete_with_cas",
        [
            Store(Op.Set, "d1", "v"),
            Request(Op.Delete, "d1", cas: 999),
            new BinaryStep(r => Request(Op.Delete, "d1", cas: r[0].Cas)),
            Concat(Request(Op.Delete, "d1"), Request(Op.DeleteQ, "d1"), Store(Op.Set, "d2", "v"), Request(Op.DeleteQ, "d2"), Get(Op.Get, "d2")),
        ]),
        Case("incr_decr_existing", Concat(
            Store(Op.Set, "n1", "10"), Delta(Op.Increment, "n1", 5), Delta(Op.Decrement, "n1", 100), Delta(Op.IncrementQ, "n1", 1),
            Delta(Op.DecrementQ, "n1", 0), Get(Op.Get, "n1"))),
        Case("incr_wraps_and_grows", Concat(
            Store(Op.Set, "n2", "18446744073709551615"), Delta(Op.Increment, "n2", 2), Get(Op.Get, "n2"),
            Store(Op.Set, "n3", "99", flags: 3), Delta(Op.Increment, "n3", 1), Get(Op.Get, "n3"))),
        Case("decr_pads_with_spaces", Concat(Store(Op.Set, "n4", "100"), Delta(Op.Decrement, "n4", 95), Get(Op.Get, "n4"))),
        Case("incr_non_numeric_empty_and_negative", Concat(
            Store(Op.Set, "n5", "abc"), Delta(Op.Increment, "n5", 1), Store(Op.Set, "n6", ""), Delta(Op.Increment, "n6", 1),
            Store(Op.Set, "n7", "-5"), Delta(Op.Decrement, "n7", 1), Delta(Op.IncrementQ, "n7", 1))),
        new("incr_with_cas",
        [
            Store(Op.Set, "n8", "1"),
            new BinaryStep(r => Delta(Op.Increment, "n8", 1, cas: r[0].Cas)),
            new BinaryStep(r => Delta(Op.Increment, "n8", 1, cas: r[0].Cas)),
        ]),
        Case("incr_miss_creates_initial_unless_expiration_all_ones", Concat(
            Delta(Op.Increment, "n9", 1, initial: 42), Delta(Op.Increment, "n9", 1, initial: 42), Delta(Op.IncrementQ, "n10", 1, initial: 7),
            Get(Op.Get, "n10"), Delta(Op.Decrement, "n11", 1, initial: 3, expiration: 100), Get(Op.Get, "n11"),
            Delta(Op.Increment, "n12", 1, initial: 5, expiration: 0xffffffff), Delta(Op.DecrementQ, "n12", 1, expiration: 0xffffffff))),
        Case("touch_gat_gatk_and_quiet_forms", Concat(
            Store(Op.Set, "t1", "tv", flags: 9), Touch(Op.Touch, "t1", 100), Touch(Op.Gat, "t1", 0), Touch(Op.GatQ, "t1", 0),
            Touch(Op.GatK, "t1", 0), Touch(Op.GatKQ, "t1", 0), Touch(Op.GatKQ, "t-miss", 0), Touch(Op.GatK, "t-miss", 0),
            Touch(Op.Gat, "t-miss", 0), Touch(Op.Touch, "t-miss", 0))),
        Case("touch_into_the_past_expires", Concat(
            Store(Op.Set, "t2", "v"), Touch(Op.Touch, "t2", 0xffffffff), Get(Op.Get, "t2"), Store(Op.Set, "t3", "v", expiration: 0xffffffff), Get(Op.Get, "t3"))),
        Case("touch_body_beyond_extras_and_key_is_parsed_as_next_request",
            Request(Op.Touch, "t4", Expiration(0), value: Noop(3))),
        Case("version_and_noop", Concat(Request(Op.Version, opaque: 0x01020304), Noop(0xaabbccdd))),
        Case("vbucket_and_datatype_are_ignored", SetVBucket(Raw(0x00, "q"u8.ToArray(), [], [], opaque: 9))),
        Case("flush_immediate_quiet_and_delayed", Concat(
            Store(Op.Set, "f1", "v"), Request(Op.Flush), Get(Op.Get, "f1"), Store(Op.Set, "f2", "v"), Request(Op.FlushQ),
            Get(Op.Get, "f2"), Store(Op.Set, "f3", "v"), Request(Op.Flush, extras: Expiration(1000)), Get(Op.Get, "f3"))),
        Case("value_at_item_size_limit_is_stored", Concat(
            Store(Op.Set, "big", new string('x', 1048576 - 48 - 8 - 4 - 2)), Get(Op.GetQ, "big-miss"))),
        Case("value_over_item_size_limit_is_too_large_and_swallowed", Concat(
            Store(Op.Set, "big2", "old"), Store(Op.SetQ, "big2", new string('x', 1048576 - 48 - 8 - 4 - 1)), Get(Op.Get, "big2"),
            Store(Op.Add, "big3", new string('y', 2 * 1048576)), Request(Op.Append, "big3", value: new byte[1048576]))),
        Case("client_flags_count_toward_the_item_size", Concat(
            Store(Op.Set, "big4", new string('x', 1048576 - 48 - 8 - 5 - 2 - 4), flags: 1),
            Store(Op.Set, "big5", new string('x', 1048576 - 48 - 8 - 5 - 2 - 3), flags: 1))),
        Case("body_length_over_2gb_is_too_large_without_swallow",
            Request(Op.Set, "k", StoreExtras(0, 0), bodyLength: 0xffffffff), Request(Op.Append, "k", bodyLength: 0x80000010)),
        new("huge_value_keeps_replies_until_swallowed",
        [
            new BinaryStep(_ => Concat(Noop(1), Get(Op.Get, "s-miss"), Request(Op.Set, "k", StoreExtras(0, 0), bodyLength: 0x7fffffff)))
            {
                QuietTimeout = TimeSpan.FromMilliseconds(500),
            },
        ]),
        Case("unknown_opcodes_answer_unknown_command", Concat(Raw(0x30, [], [], []), Raw(0x1b, [], [], []), Raw(0x40, [], [], "abcdef"u8.ToArray()))),
        Closing("unknown_opcode_swallows_body_after_key_too", Concat(Raw(0x30, "abc"u8.ToArray(), [], []), Noop(), Noop())),
        Case("unknown_opcode_swallow_can_end_on_a_boundary", Concat(Raw(0x3c, "abc"u8.ToArray(), [], []), "xyz"u8.ToArray())),
        Case("sasl_without_sasl_enabled_is_unknown", Concat(
            Request(Op.SaslListMechs), Request(Op.SaslAuth, "PLAIN", value: "\0user\0pass"u8.ToArray()), Request(Op.SaslStep, "PLAIN", value: "x"u8.ToArray()))),
        Closing("key_longer_than_body_is_unknown_command_and_closes", Request(Op.Get, "abc", bodyLength: 2)),
        Closing("key_and_extras_longer_than_body_closes", Request(Op.Set, "abc", StoreExtras(0, 0), bodyLength: 10)),
        Closing("key_over_250_bytes_is_invalid_and_closes", Concat(Get(Op.Get, new string('k', 251)), Noop())),
        Closing("get_with_extras_is_invalid", Request(Op.Get, "a", Expiration(1))),
        Closing("get_with_value_is_invalid", Request(Op.Get, "a", value: "v"u8.ToArray())),
        Closing("get_without_key_is_invalid", Request(Op.GetQ)),
        Closing("set_without_extras_is_invalid", Request(Op.Set, "a", value: "v"u8.ToArray())),
        Closing("set_without_key_is_invalid", Request(Op.Set, extras: StoreExtras(0, 0), value: "v"u8.ToArray())),
        Closing("delete_with_extras_is_invalid", Request(Op.DeleteQ, "a", NoExpiry)),
        Closing("incr_with_short_extras_is_invalid", Request(Op.Increment, "a", new byte[8])),
        Closing("append_with_extras_is_invalid", Request(Op.AppendQ, "a", NoExpiry, "v"u8.ToArray())),
        Closing("touch_without_extras_is_invalid", Request(Op.Touch, "a")),
        Closing("gat_without_key_is_invalid", Request(Op.GatKQ, extras: NoExpiry)),
        Closing("flush_with_three_byte_extras_is_invalid", Request(Op.Flush, extras: "abc"u8.ToArray())),
        Closing("flush_with_key_is_invalid", Request(Op.FlushQ, "a")),
        Closing("noop_with_body_is_invalid", Request(Op.Noop, value: "x"u8.ToArray())),
        Closing("version_with_key_is_invalid", Request(Op.Version, "x")),
        Closing("stat_with_extras_is_invalid", Request(Op.Stat, extras: NoExpiry)),
        Closing("sasl_list_with_body_is_invalid", Request(Op.SaslListMechs, value: "x"u8.ToArray())),
        Closing("sasl_auth_without_key_is_invalid", Request(Op.SaslAuth, value: "x"u8.ToArray())),
        Closing("quit_with_body_is_invalid", Request(Op.Quit, value: "x"u8.ToArray())),
        Closing("replies_before_an_error_close_are_sent", Concat(Store(Op.Set, "e1", "v"), Get(Op.Get, "e1"), Request(Op.Get, "a", NoExpiry))),
        Closing("bad_magic_after_a_request_closes_without_reply", Concat(Noop(1), Request(Op.Noop, magic: 0x81), Noop(2))),
        Closing("bad_magic_drops_replies_not_yet_flushed", Concat(Get(Op.Get, "bm-miss"), Request(Op.Noop, magic: 0x00))),
        Closing("quit_answers_and_closes", Concat(Get(Op.Get, "q-miss"), Request(Op.Quit), Noop())),
        Closing("quitq_closes_silently", Concat(Get(Op.Get, "q-miss"), Request(Op.QuitQ), Noop())),
        Case("first_byte_not_0x80_negotiates_text", "version\r\n"u8.ToArray()),
        Case("text_after_binary_waits_for_a_full_header", Concat(Noop(1), "version\r\n"u8.ToArray())),
        Case("stat_subcommands_found_and_not_found", Concat(
            Request(Op.Stat, "conns"), Request(Op.Stat, "foo"), Request(Op.Stat, "detail on"), Request(Op.Stat, "detail off"),
            Request(Op.Stat, "detail dump"), Request(Op.Stat, "detail x"), Request(Op.Stat, "sizes"))),
        Case("stat_body_beyond_key_is_parsed_as_next_request", Request(Op.Stat, value: Noop(4))),
        Case("stat_reset_then_counters_follow_every_command", Concat(
            Request(Op.Stat, "reset"), Store(Op.Set, "sc1", "1"), Store(Op.Add, "sc1", "1"), Store(Op.Replace, "sc-miss", "1"),
            Get(Op.Get, "sc1"), Get(Op.GetQ, "sc-miss"), Touch(Op.Gat, "sc1", 0), Touch(Op.Touch, "sc-miss", 0),
            Delta(Op.Increment, "sc1", 1), Delta(Op.Decrement, "sc-miss", 1, expiration: 0xffffffff), Delta(Op.Increment, "sc2", 1),
            Request(Op.Delete, "sc-miss"), Request(Op.Delete, "sc2"), Store(Op.Set, "sc1", "x", cas: 1), Store(Op.Set, "sc-miss", "x", cas: 1),
            Store(Op.Set, "sc3", new string('x', 2000000)), Request(Op.Stat))),
        new("requests_split_into_small_chunks",
        [
            new BinaryStep(_ => Concat(Store(Op.Set, "p1", "chunked-value", flags: 77), Get(Op.GetK, "p1"), Delta(Op.Increment, "p2", 1, initial: 9), Request(Op.Stat, "sizes")))
            {
                ChunkSize = 5,
            },
        ]),
        Case("long_pipeline_of_quiet_sets_and_gets", Concat(
            [.. Enumerable.Range(0, 100).Select(i => Store(Op.SetQ, "lp" + i, "value" + i)),
             .. Enumerable.Range(0, 100).Select(i => Get(Op.GetKQ, "lp" + (i * 3)))])),
    ];

    private static BinaryCase Case(string name, params byte[][] steps) => new(name, [.. steps.Select(s => (BinaryStep)s)]);

    private static BinaryCase Closing(string name, byte[] bytes) => new(name, [new BinaryStep(_ => bytes) { ExpectClose = true }]);

    /// <summary>Sets data type 5 and vbucket 7 on a request, which memcached ignores.</summary>
    private static byte[] SetVBucket(byte[] packet)
    {
        packet[5] = 5;
        packet[7] = 7;
        return packet;
    }
}
