namespace Memgate.Storage;

/// <summary>
/// memcached's clock: whole seconds relative to the process start ("rel_time"), ticking once per second.
/// Tests substitute a manual clock.
/// </summary>
public interface ICacheClock
{
    /// <summary>Seconds since <see cref="ProcessStartedUnixTime"/> (memcached's current_time).</summary>
    uint CurrentTime { get; }

    /// <summary>Unix time that relative time 0 corresponds to (memcached's process_started).</summary>
    long ProcessStartedUnixTime { get; }
}
