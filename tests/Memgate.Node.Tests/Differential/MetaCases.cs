using Memgate.Testing.Differential;

namespace Memgate.Node.Tests.Differential;

/// <summary>Hand-written differential cases: mg/ms/md/ma/mn/me with their flags.</summary>
public static class MetaCases
{
    public static IEnumerable<DiffCase> All()
    {
        yield return new DiffCase("mn_returns_MN").Send("mn\r\nmn\r\n");
        yield return new DiffCase("mg_miss_returns_EN").Send("mg nothing v\r\nmg nothing\r\n");
        yield return new DiffCase("mg_miss_with_q_is_silent").Send("mg nothing v q\r\nmg nothing q k O1\r\n");
        yield return new DiffCase("mg_miss_reflects_opaque_and_key").Send("mg nothing O123 k v\r\n");
        yield return new DiffCase("mg_hit_without_flags_returns_HD").Send("set k 0 0 1\r\na\r\nmg k\r\n");
        yield return new DiffCase("mg_v_returns_VA_with_value").Send("set k 5 0 3\r\nabc\r\nmg k v\r\n");
        yield return new DiffCase("mg_returns_flags_in_request_order")
            .Send("set k 5 1000 3\r\nabc\r\nmg k s v f t c k O99\r\nmg k O1 k c t f v s\r\n");
        yield return new DiffCase("mg_t_reports_minus_one_without_ttl").Send("set k 0 0 1\r\na\r\nmg k t\r\n");
        yield return new DiffCase("mg_h_reports_whether_fetched_before").Send("set k 0 0 1\r\na\r\nmg k h\r\nmg k h\r\nmg k h v\r\n");
        yield return new DiffCase("mg_l_reports_seconds_since_access").Send("set k 0 0 1\r\na\r\nmg k l\r\n");
        yield return new DiffCase("mg_T_updates_ttl").Send("set k 0 0 1\r\na\r\nmg k T1000\r\nmg k t\r\nmg k T-1 v\r\nmg k v\r\n");
        yield return new DiffCase("mg_u_does_not_bump").Send("set k 0 0 1\r\na\r\nmg k u v h\r\nmg k h\r\n");
        yield return new DiffCase("mg_q_hit_returns_value_and_mn_flushes").Send("set k 0 0 1\r\na\r\nmg k v q\r\nmg missing v q\r\nmn\r\n");
        yield return new DiffCase("mg_N_vivifies_a_miss_and_gives_W_then_Z")
            .Send("mg k N1000 v c t\r\nmg k N1000 v c t\r\nmg k v\r\n");
        yield return new DiffCase("mg_R_gives_recache_win_when_ttl_below_threshold")
            .Send("set k 0 1000 1\r\na\r\nmg k R2000 v t\r\nmg k R2000 v\r\nmg k R30 v\r\n");
        yield return new DiffCase("mg_E_flag").Send("set k 0 0 1\r\na\r\nmg k E5 c\r\n");
        yield return new DiffCase("mg_with_base64_key_finds_plain_key")
            .Send("set k1 0 0 1\r\na\r\nmg azE= b v k\r\nmg azE= b k c\r\n");
        yield return new DiffCase("mg_with_invalid_base64_key_returns_CLIENT_ERROR").Send("mg !!!! b v\r\n");
        yield return new DiffCase("mg_with_opaque_over_32_bytes_returns_CLIENT_ERROR").Send($"mg k O{new string('o', 40)}\r\n");
        yield return new DiffCase("mg_with_duplicate_or_unknown_flag").Send("set k 0 0 1\r\na\r\nmg k v v\r\nmg k !\r\nmg k zz\r\n");
        yield return new DiffCase("mg_with_251_byte_key_returns_CLIENT_ERROR").Send($"mg {new string('k', 251)} v\r\n");
        yield return new DiffCase("mg_without_key_returns_error").Send("mg\r\nmg \r\n");
        yield return new DiffCase("ms_stores_and_returns_HD").Send("ms k 3\r\nabc\r\nmg k v f\r\n");
        yield return new DiffCase("ms_with_flags_ttl_and_return_flags")
            .Send("ms k 3 F42 T1000 c k O7 b\r\nabc\r\nms k 3 F42 T1000 c k O7\r\nabc\r\nmg k v f t c\r\n");
        yield return new DiffCase("ms_q_is_silent_on_success_only").Send("ms k 1 q\r\na\r\nms k 1 q ME\r\nb\r\nmn\r\nmg k v\r\n");
        yield return new DiffCase("ms_mode_E_adds_only_when_missing").Send("ms k 1 ME\r\na\r\nms k 1 ME\r\nb\r\nmg k v\r\n");
        yield return new DiffCase("ms_mode_R_replaces_only_when_present").Send("ms k 1 MR\r\na\r\nms k 1 MS\r\nb\r\nms k 1 MR\r\nc\r\nmg k v\r\n");
        yield return new DiffCase("ms_modes_A_and_P_append_and_prepend").Send("ms k 1 MA\r\na\r\nms k 1\r\nb\r\nms k 1 MA\r\nc\r\nms k 1 MP\r\nd\r\nmg k v\r\n");
        yield return new DiffCase("ms_append_with_N_vivifies").Send("ms k 1 MA N1000\r\na\r\nmg k v\r\n");
        yield return new DiffCase("ms_lowercase_and_invalid_modes").Send("ms k 1 Ms\r\na\r\nms k 1 MX\r\nb\r\nms k 1 Me\r\nc\r\nmg k v\r\n");
        yield return new DiffCase("ms_C_compares_cas")
            .Send("ms k 1 c\r\na\r\n")
            .Send("ms k 1 C{cas:1} c\r\nb\r\nms k 1 C{cas:1} c\r\nc\r\nms missing 1 C{cas:1}\r\nd\r\nmg k v c\r\n");
        yield return new DiffCase("ms_I_with_lower_cas_marks_item_stale")
            .Send("ms k 1 c\r\na\r\nms k 1 c\r\nb\r\n")
            .Send("ms k 1 I C{cas:1} c\r\nx\r\nmg k v c\r\nmg k v c\r\n");
        yield return new DiffCase("ms_with_bad_length_token").Send("ms k abc\r\na\r\nms k -1\r\na\r\nms k\r\nmg k v\r\n");
        yield return new DiffCase("ms_with_wrong_data_length_is_bad_chunk").Send("ms k 2\r\nabc\r\nmg k v\r\n");
        yield return new DiffCase("ms_too_large_is_rejected_and_swallowed").Send($"ms k 1100000 T0\r\n{new string('z', 1_100_000)}\r\nmg k v\r\n");
        yield return new DiffCase("ms_with_invalid_flags_token").Send("ms k 1 F-1\r\na\r\nms k 1 Tabc\r\nb\r\nms k 1 Fx\r\nc\r\nmg k v\r\n");
        yield return new DiffCase("ms_with_base64_key").Send("ms azE= 2 b\r\nhi\r\nget k1\r\nmg azE= b v k\r\n");
        yield return new DiffCase("ms_E_sets_explicit_cas").Send("ms k 1 E777 c\r\na\r\nmg k c\r\n");
        yield return new DiffCase("ms_s_flag").Send("ms k 3 s\r\nabc\r\n");
        yield return new DiffCase("md_deletes_and_returns_HD_then_NF").Send("set k 0 0 1\r\na\r\nmd k\r\nmd k\r\nmg k v\r\n");
        yield return new DiffCase("md_q_is_silent_on_success").Send("set k 0 0 1\r\na\r\nmd k q\r\nmd k q\r\nmn\r\n");
        yield return new DiffCase("md_reflects_opaque_and_key").Send("set k 0 0 1\r\na\r\nmd k O5 k\r\nmd k O6 k\r\n");
        yield return new DiffCase("md_C_with_stale_cas_returns_EX")
            .Send("ms k 1 c\r\na\r\n")
            .Send("md k C12345\r\nmd k C{cas:1}\r\nmg k v\r\n");
        yield return new DiffCase("md_I_marks_stale_and_next_mg_wins")
            .Send("set k 0 0 1\r\na\r\nmd k I T1000\r\nmg k v c\r\nmg k v c\r\n");
        yield return new DiffCase("md_x_removes_value_only").Send("set k 9 0 1\r\na\r\nmd k x\r\nmg k v f\r\n");
        yield return new DiffCase("ma_increments_and_returns_HD").Send("set n 0 0 1\r\n5\r\nma n\r\nmg n v\r\n");
        yield return new DiffCase("ma_v_returns_value_and_t_ttl").Send("set n 0 0 1\r\n5\r\nma n v\r\nma n v t c\r\n");
        yield return new DiffCase("ma_on_miss_returns_NF_and_N_creates_with_J").Send("ma n v\r\nma n N1000 J13 v\r\nma n N1000 J13 v\r\n");
        yield return new DiffCase("ma_modes_and_delta").Send("set n 0 0 2\r\n10\r\nma n MD D3 v\r\nma n M- v\r\nma n M+ D100 v\r\nma n MI v\r\nma n Mx v\r\n");
        yield return new DiffCase("ma_decrement_clamps_and_increment_wraps")
            .Send("set n 0 0 1\r\n1\r\nma n MD D5 v\r\nset m 0 0 20\r\n18446744073709551615\r\nma m v\r\n");
        yield return new DiffCase("ma_on_non_numeric_value_returns_CLIENT_ERROR").Send("set n 0 0 1\r\nx\r\nma n v\r\n");
        yield return new DiffCase("ma_with_invalid_delta_returns_CLIENT_ERROR").Send("set n 0 0 1\r\n1\r\nma n Dabc v\r\nma n D-1 v\r\n");
        yield return new DiffCase("ma_q_O_and_k").Send("set n 0 0 1\r\n1\r\nma n q\r\nma n q O1 k\r\nma missing q O2 k\r\nmn\r\nmg n v\r\n");
        yield return new DiffCase("ma_C_compares_cas")
            .Send("set n 0 0 1\r\n1\r\nmg n c\r\n")
            .Send("ma n C{cas:1} v\r\nma n C{cas:1} v\r\n");
        yield return new DiffCase("me_reports_item_metadata").Send("set k 0 0 5\r\nhello\r\nme k\r\nme missing\r\n");
        yield return new DiffCase("me_with_base64_key").Send("set k1 0 0 1\r\na\r\nme azE= b\r\n");
        yield return new DiffCase("meta_commands_with_noreply_token").Send("set k 0 0 1\r\na\r\nmg k v noreply\r\nmd k noreply\r\n");
        yield return new DiffCase("meta_pipeline_mixed_with_text_commands")
            .Send("set a 0 0 1\r\na\r\nmg a v\r\nget a\r\nms b 1 q\r\nb\r\nmg b v q\r\nmd a q\r\nget a b\r\nmn\r\n");
    }
}
