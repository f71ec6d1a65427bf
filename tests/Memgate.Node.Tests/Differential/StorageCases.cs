using Memgate.Testing.Differential;

namespace Memgate.Node.Tests.Differential;

/// <summary>Hand-written differential cases: set/add/replace/append/prepend/cas, data blocks, keys, exptimes.</summary>
public static class StorageCases
{
    public static IEnumerable<DiffCase> All()
    {
        yield return new DiffCase("set_then_get_returns_value").Send("set k 0 0 5\r\nhello\r\nget k\r\n");
        yield return new DiffCase("set_with_zero_length_value_stores_empty").Send("set k 0 0 0\r\n\r\nget k\r\n");
        yield return new DiffCase("flags_0_123_65535_2pow31_and_max_round_trip")
            .Send("set a 0 0 1\r\na\r\nset b 123 0 1\r\nb\r\nset c 65535 0 1\r\nc\r\nset d 2147483648 0 1\r\nd\r\nset e 4294967295 0 1\r\ne\r\nget a b c d e\r\n");
        yield return new DiffCase("flags_over_32_bits_are_rejected").Send("set k 4294967296 0 1\r\na\r\nget k\r\n");
        yield return new DiffCase("negative_or_non_numeric_flags_are_rejected").Send("set k -1 0 1\r\na\r\nset k abc 0 1\r\na\r\nget k\r\n");
        yield return new DiffCase("add_on_existing_key_returns_NOT_STORED").Send("set k 0 0 1\r\na\r\nadd k 0 0 1\r\nb\r\nget k\r\n");
        yield return new DiffCase("add_on_missing_key_stores").Send("add k 5 0 1\r\nb\r\nget k\r\n");
        yield return new DiffCase("replace_on_missing_key_returns_NOT_STORED").Send("replace k 0 0 1\r\nb\r\nget k\r\n");
        yield return new DiffCase("replace_on_existing_key_stores_new_flags").Send("set k 1 0 1\r\na\r\nreplace k 2 0 2\r\nbb\r\nget k\r\n");
        yield return new DiffCase("append_and_prepend_concatenate_and_keep_flags")
            .Send("set k 7 0 3\r\nmid\r\nappend k 9 0 4\r\n_end\r\nprepend k 9 0 6\r\nstart_\r\ngets k\r\n");
        yield return new DiffCase("append_and_prepend_on_missing_key_return_NOT_STORED").Send("append k 0 0 1\r\na\r\nprepend k 0 0 1\r\na\r\nget k\r\n");
        yield return new DiffCase("cas_with_current_unique_stores_and_stale_unique_returns_EXISTS")
            .Send("set k 0 0 1\r\na\r\ngets k\r\n")
            .Send("cas k 0 0 1 {cas:1}\r\nb\r\ncas k 0 0 1 {cas:1}\r\nc\r\ngets k\r\n");
        yield return new DiffCase("cas_on_missing_key_returns_NOT_FOUND").Send("cas k 0 0 1 12345\r\na\r\n");
        yield return new DiffCase("cas_noreply_updates_silently")
            .Send("set k 0 0 1\r\na\r\ngets k\r\n")
            .Send("cas k 0 0 1 {cas:1} noreply\r\nb\r\ncas k 0 0 1 {cas:1} noreply\r\nc\r\ngets k\r\n");
        yield return new DiffCase("cas_with_missing_unique_is_a_token_count_error").Send("cas foo 0 0 6 \r\nbarva2\r\n");
        yield return new DiffCase("cas_with_non_numeric_unique_is_rejected").Send("cas k 0 0 1 abc\r\na\r\n");
        yield return new DiffCase("noreply_suppresses_every_storage_reply")
            .Send("set k 0 0 1 noreply\r\na\r\nadd k 0 0 1 noreply\r\nb\r\nreplace k 0 0 1 noreply\r\nc\r\nappend k 0 0 1 noreply\r\nd\r\nprepend k 0 0 1 noreply\r\ne\r\nadd n 0 0 1 noreply\r\nf\r\nget k n\r\n");
        yield return new DiffCase("noreply_on_a_command_line_error")
            .Send("set k 0 0 -1 noreply\r\nset k abc 0 1 noreply\r\na\r\nget k\r\n");
        yield return new DiffCase("bad_data_chunk_returns_CLIENT_ERROR_and_does_not_store").Send("set k 0 0 3\r\nabcde\r\nget k\r\n");
        yield return new DiffCase("data_block_ending_in_bare_newline_is_a_bad_chunk").Send("set k 0 0 3\r\nabc\nget k\r\n");
        yield return new DiffCase("short_data_block_is_a_bad_chunk").Send("set k 0 0 5\r\nabc\r\nget k\r\n");
        yield return new DiffCase("bad_data_chunk_replaces_nothing_and_keeps_old_value")
            .Send("set k 0 0 1\r\na\r\nset k 0 0 2\r\nxyz\r\nget k\r\n");
        yield return new DiffCase("negative_length_is_rejected_without_swallowing_data").Send("set k 0 0 -1\r\nabc\r\nget k\r\n");
        yield return new DiffCase("length_4294967295_is_rejected").Send("set k 0 0 4294967295\r\nabc\r\nget k\r\n");
        yield return new DiffCase("length_2147483647_is_rejected").Send("set k 0 0 2147483647\r\nabc\r\nget k\r\n");
        yield return new DiffCase("non_numeric_length_is_rejected").Send("set k 0 0 abc\r\nabc\r\nget k\r\n");
        yield return new DiffCase("non_numeric_exptime_is_rejected").Send("set k 0 abc 1\r\na\r\nget k\r\n");
        yield return new DiffCase("negative_exptime_stores_but_item_is_gone").Send("set k 0 -1 1\r\na\r\nget k\r\n");
        yield return new DiffCase("absolute_exptime_in_the_past_expires_immediately").Send("set k 0 1000000000 1\r\na\r\nset j 0 2592001 1\r\nb\r\nget k j\r\n");
        yield return new DiffCase("exptime_of_exactly_30_days_is_relative").Send("set k 0 2592000 1\r\na\r\nget k\r\n");
        yield return new DiffCase("absolute_exptime_in_the_future_keeps_item").Send("set k 0 2000000000 1\r\na\r\nget k\r\n");
        yield return new DiffCase("exptime_beyond_int32_is_rejected").Send("set k 0 4000000000 1\r\na\r\nget k\r\n");
        yield return new DiffCase("too_large_item_is_rejected_swallowed_and_deletes_old_value")
            .Send("set k 0 0 1\r\na\r\n")
            .Send($"set k 0 0 1100000\r\n{new string('x', 1_100_000)}\r\nget k\r\n");
        yield return new DiffCase("value_of_1047552_bytes_is_stored").Send($"set k 0 0 1047552\r\n{new string('v', 1_047_552)}\r\nget k\r\n");
        yield return new DiffCase("value_of_1049600_bytes_is_too_large").Send($"set k 0 0 1049600\r\n{new string('v', 1_049_600)}\r\nget k\r\n");
        yield return new DiffCase("values_with_crlf_nul_and_high_bytes_round_trip").Send("set k 0 0 8\r\n\r\n\0\u00ff\r\nEN\r\nget k\r\n");
        yield return new DiffCase("key_of_250_bytes_is_accepted").Send($"set {new string('k', 250)} 0 0 1\r\na\r\nget {new string('k', 250)}\r\n");
        yield return new DiffCase("key_of_251_bytes_is_rejected").Send($"set {new string('k', 251)} 0 0 1\r\na\r\n").Send($"get {new string('k', 251)}\r\n");
        yield return new DiffCase("key_with_control_characters_is_accepted").Send("set a\tb\u0001 0 0 1\r\na\r\nget a\tb\u0001\r\n");
        yield return new DiffCase("storage_command_with_too_few_tokens_returns_ERROR").Send("set k 0 0\r\nset k\r\nset\r\nadd k 0\r\n");
        yield return new DiffCase("storage_command_with_extra_tokens").Send("set k 0 0 1 noreply extra\r\na\r\nset k 0 0 1 extra\r\nb\r\nget k\r\n");
        yield return new DiffCase("uppercase_NOREPLY_is_not_noreply").Send("set k 0 0 1 NOREPLY\r\na\r\nget k\r\n");
    }
}
