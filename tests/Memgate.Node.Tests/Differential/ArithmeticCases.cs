using Memgate.Testing.Differential;

namespace Memgate.Node.Tests.Differential;

/// <summary>Hand-written differential cases: incr/decr.</summary>
public static class ArithmeticCases
{
    public static IEnumerable<DiffCase> All()
    {
        yield return new DiffCase("incr_returns_new_value").Send("set n 0 0 1\r\n1\r\nincr n 1\r\nincr n 41\r\nget n\r\n");
        yield return new DiffCase("incr_wraps_at_2_pow_64").Send("set n 0 0 20\r\n18446744073709551615\r\nincr n 1\r\nget n\r\n");
        yield return new DiffCase("incr_by_max_uint64_wraps").Send("set n 0 0 1\r\n2\r\nincr n 18446744073709551615\r\n");
        yield return new DiffCase("decr_clamps_at_zero").Send("set n 0 0 1\r\n5\r\ndecr n 10\r\nget n\r\n");
        yield return new DiffCase("decr_keeps_length_with_space_padding").Send("set n 0 0 3\r\n100\r\ndecr n 1\r\nget n\r\ndecr n 95\r\nget n\r\nincr n 5\r\nget n\r\n");
        yield return new DiffCase("incr_grows_value_length").Send("set n 0 0 2\r\n99\r\nincr n 1\r\nget n\r\n");
        yield return new DiffCase("incr_on_non_numeric_value_returns_CLIENT_ERROR").Send("set n 0 0 3\r\nabc\r\nincr n 1\r\ndecr n 1\r\n");
        yield return new DiffCase("incr_on_empty_value_returns_CLIENT_ERROR").Send("set n 0 0 0\r\n\r\nincr n 1\r\n");
        yield return new DiffCase("incr_on_number_with_trailing_garbage_returns_CLIENT_ERROR").Send("set n 0 0 3\r\n12a\r\nincr n 1\r\n");
        yield return new DiffCase("incr_on_number_with_leading_space").Send("set n 0 0 2\r\n 5\r\nincr n 1\r\n");
        yield return new DiffCase("incr_on_value_longer_than_uint64").Send("set n 0 0 21\r\n184467440737095516150\r\nincr n 1\r\n");
        yield return new DiffCase("incr_with_invalid_delta_returns_CLIENT_ERROR")
            .Send("set n 0 0 1\r\n1\r\nincr n abc\r\nincr n -1\r\nincr n 18446744073709551616\r\ndecr n 1.5\r\n");
        yield return new DiffCase("incr_on_missing_key_returns_NOT_FOUND").Send("incr none 1\r\ndecr none 1\r\n");
        yield return new DiffCase("incr_noreply_is_silent").Send("set n 0 0 1\r\n1\r\nincr n 1 noreply\r\ndecr n 5 noreply\r\nincr none 1 noreply\r\nget n\r\n");
        yield return new DiffCase("incr_changes_cas").Send("set n 0 0 1\r\n1\r\ngets n\r\nincr n 1\r\ngets n\r\n");
        yield return new DiffCase("incr_keeps_flags").Send("set n 77 0 1\r\n1\r\nincr n 1\r\nget n\r\n");
        yield return new DiffCase("incr_with_wrong_token_count_returns_ERROR").Send("incr n\r\nincr\r\nincr n 1 2 3\r\n");
        yield return new DiffCase("incr_after_append_of_digits").Send("set n 0 0 1\r\n1\r\nappend n 0 0 1\r\n2\r\nincr n 1\r\n");
    }
}
