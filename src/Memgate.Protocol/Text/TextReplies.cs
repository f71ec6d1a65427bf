namespace Memgate.Protocol.Text;

/// <summary>
/// Pre-encoded reply lines of the text and meta protocols, byte-exact with memcached 1.6.18 (u8 literals live in
/// the assembly image, so using them never allocates). Lines include their <c>\r\n</c>; prefixes and meta codes
/// that are followed by more tokens do not.
/// </summary>
public static class TextReplies
{
    public static ReadOnlySpan<byte> CrLf => "\r\n"u8;

    // Storage, retrieval and key commands.
    public static ReadOnlySpan<byte> Stored => "STORED\r\n"u8;
    public static ReadOnlySpan<byte> NotStored => "NOT_STORED\r\n"u8;
    public static ReadOnlySpan<byte> Exists => "EXISTS\r\n"u8;
    public static ReadOnlySpan<byte> NotFound => "NOT_FOUND\r\n"u8;
    public static ReadOnlySpan<byte> Deleted => "DELETED\r\n"u8;
    public static ReadOnlySpan<byte> Touched => "TOUCHED\r\n"u8;
    public static ReadOnlySpan<byte> End => "END\r\n"u8;
    public static ReadOnlySpan<byte> Ok => "OK\r\n"u8;
    public static ReadOnlySpan<byte> Error => "ERROR\r\n"u8;
    public static ReadOnlySpan<byte> Reset => "RESET\r\n"u8;

    /// <summary>"VALUE " — followed by key, flags, bytes [cas].</summary>
    public static ReadOnlySpan<byte> ValuePrefix => "VALUE "u8;

    /// <summary>"STAT " — followed by name and value.</summary>
    public static ReadOnlySpan<byte> StatPrefix => "STAT "u8;

    /// <summary>"VERSION " — followed by the version string.</summary>
    public static ReadOnlySpan<byte> VersionPrefix => "VERSION "u8;

    // Meta return codes; flags (or \r\n) follow.
    public static ReadOnlySpan<byte> MetaHd => "HD"u8;
    public static ReadOnlySpan<byte> MetaVaPrefix => "VA "u8;
    public static ReadOnlySpan<byte> MetaEn => "EN"u8;
    public static ReadOnlySpan<byte> MetaNf => "NF"u8;
    public static ReadOnlySpan<byte> MetaNs => "NS"u8;
    public static ReadOnlySpan<byte> MetaEx => "EX"u8;
    public static ReadOnlySpan<byte> MetaMePrefix => "ME "u8;
    public static ReadOnlySpan<byte> MetaMn => "MN\r\n"u8;
    public static ReadOnlySpan<byte> MetaEnLine => "EN\r\n"u8;

    // Generic client errors.
    public static ReadOnlySpan<byte> BadCommandLineFormat => "CLIENT_ERROR bad command line format\r\n"u8;
    public static ReadOnlySpan<byte> BadCommandLine => "CLIENT_ERROR bad command line\r\n"u8;
    public static ReadOnlySpan<byte> DeleteUsage => "CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]\r\n"u8;
    public static ReadOnlySpan<byte> BadDataChunk => "CLIENT_ERROR bad data chunk\r\n"u8;
    public static ReadOnlySpan<byte> NonNumericValue => "CLIENT_ERROR cannot increment or decrement non-numeric value\r\n"u8;
    public static ReadOnlySpan<byte> InvalidNumericDelta => "CLIENT_ERROR invalid numeric delta argument\r\n"u8;
    public static ReadOnlySpan<byte> InvalidExptime => "CLIENT_ERROR invalid exptime argument\r\n"u8;
    public static ReadOnlySpan<byte> FlushAllNotAllowed => "CLIENT_ERROR flush_all not allowed\r\n"u8;
    public static ReadOnlySpan<byte> InvalidShutdownMode => "CLIENT_ERROR invalid shutdown mode\r\n"u8;
    public static ReadOnlySpan<byte> ShutdownNotEnabled => "ERROR: shutdown not enabled\r\n"u8;
    public static ReadOnlySpan<byte> TooManyConnections => "ERROR Too many open connections\r\n"u8;

    // Meta errors (1.6.18 wording; md/ma report every flag error as InvalidOrDuplicateFlag).
    public static ReadOnlySpan<byte> MetaOptionsFlagsTooLong => "CLIENT_ERROR options flags too long\r\n"u8;
    public static ReadOnlySpan<byte> MetaGetOptionsFlagsTooLong => "CLIENT_ERROR options flags are too long\r\n"u8;
    public static ReadOnlySpan<byte> MetaInvalidOrDuplicateFlag => "CLIENT_ERROR invalid or duplicate flag\r\n"u8;
    public static ReadOnlySpan<byte> MetaDuplicateFlag => "CLIENT_ERROR duplicate flag\r\n"u8;
    public static ReadOnlySpan<byte> MetaInvalidFlag => "CLIENT_ERROR invalid flag\r\n"u8;
    public static ReadOnlySpan<byte> MetaBadToken => "CLIENT_ERROR bad token in command line format\r\n"u8;
    public static ReadOnlySpan<byte> MetaOpaqueTooLong => "CLIENT_ERROR opaque token too long\r\n"u8;
    public static ReadOnlySpan<byte> MetaInvalidModeMs => "CLIENT_ERROR invalid mode for ms M token\r\n"u8;
    public static ReadOnlySpan<byte> MetaInvalidModeMa => "CLIENT_ERROR invalid mode for ma M token\r\n"u8;
    public static ReadOnlySpan<byte> MetaIncorrectModeLength => "CLIENT_ERROR incorrect length for M token\r\n"u8;
    public static ReadOnlySpan<byte> MetaErrorDecodingKey => "CLIENT_ERROR error decoding key\r\n"u8;
    public static ReadOnlySpan<byte> MetaInvalidInitialValue => "CLIENT_ERROR invalid numeric initial value\r\n"u8;
    public static ReadOnlySpan<byte> MetaInvalidDeltaValue => "CLIENT_ERROR invalid numeric delta value\r\n"u8;
    public static ReadOnlySpan<byte> MetaRefcountOverflow => "SERVER_ERROR refcount overflow during fetch\r\n"u8;
    public static ReadOnlySpan<byte> MetaOutOfMemoryNewItem => "SERVER_ERROR Out of memory allocating new item\r\n"u8;

    // Server errors.
    public static ReadOnlySpan<byte> ObjectTooLarge => "SERVER_ERROR object too large for cache\r\n"u8;
    public static ReadOnlySpan<byte> OutOfMemoryStoring => "SERVER_ERROR out of memory storing object\r\n"u8;
    public static ReadOnlySpan<byte> OutOfMemory => "SERVER_ERROR out of memory\r\n"u8;
    public static ReadOnlySpan<byte> OutOfMemoryWritingGet => "SERVER_ERROR out of memory writing get response\r\n"u8;
    public static ReadOnlySpan<byte> OutOfMemoryWritingStats => "SERVER_ERROR out of memory writing stats\r\n"u8;
    public static ReadOnlySpan<byte> OutOfMemoryReadingRequest => "SERVER_ERROR out of memory reading request\r\n"u8;
    public static ReadOnlySpan<byte> UnhandledStorageType => "SERVER_ERROR Unhandled storage type.\r\n"u8;

    // cache_memlimit.
    public static ReadOnlySpan<byte> MemlimitTooSmall => "MEMLIMIT_TOO_SMALL cannot set maxbytes to less than 8m\r\n"u8;
    public static ReadOnlySpan<byte> MemlimitNotMegabytes => "MEMLIMIT_ADJUST_FAILED input value is megabytes not bytes\r\n"u8;
    public static ReadOnlySpan<byte> MemlimitAdjustFailed => "MEMLIMIT_ADJUST_FAILED out of bounds or unable to adjust\r\n"u8;

    // stats sub-commands.
    public static ReadOnlySpan<byte> StatsDetailUsage => "CLIENT_ERROR usage: stats detail on|off|dump\r\n"u8;
    public static ReadOnlySpan<byte> StatsCachedumpNotAllowed => "CLIENT_ERROR stats cachedump not allowed\r\n"u8;
    public static ReadOnlySpan<byte> IllegalSlabId => "CLIENT_ERROR Illegal slab id\r\n"u8;

    // Admin commands (slabs, lru, lru_crawler, watch).
    public static ReadOnlySpan<byte> SlabReassignDisabled => "CLIENT_ERROR slab reassignment disabled\r\n"u8;
    public static ReadOnlySpan<byte> SlabsReassignBusy => "BUSY currently processing reassign request\r\n"u8;
    public static ReadOnlySpan<byte> SlabsBadClass => "BADCLASS invalid src or dst class id\r\n"u8;
    public static ReadOnlySpan<byte> SlabsNoSpare => "NOSPARE source class has no spare pages\r\n"u8;
    public static ReadOnlySpan<byte> SlabsSame => "SAME src and dst class are identical\r\n"u8;
    public static ReadOnlySpan<byte> LruCrawlerDisabled => "CLIENT_ERROR lru crawler disabled\r\n"u8;
    public static ReadOnlySpan<byte> LruCrawlerSleepTooLong => "CLIENT_ERROR sleep must be one second or less\r\n"u8;
    public static ReadOnlySpan<byte> CrawlerBusy => "BUSY currently processing crawler request\r\n"u8;
    public static ReadOnlySpan<byte> CrawlerBadClass => "BADCLASS invalid class id\r\n"u8;
    public static ReadOnlySpan<byte> CrawlerNotStarted => "NOTSTARTED no items to crawl\r\n"u8;
    public static ReadOnlySpan<byte> CrawlerUnknownError => "ERROR an unknown error happened\r\n"u8;
    public static ReadOnlySpan<byte> CrawlerStartFailed => "ERROR failed to start lru crawler thread\r\n"u8;
    public static ReadOnlySpan<byte> CrawlerStopFailed => "ERROR failed to stop lru crawler thread\r\n"u8;
    public static ReadOnlySpan<byte> MetadumpNotAllowed => "ERROR metadump not allowed\r\n"u8;
    public static ReadOnlySpan<byte> MetadumpNotFirst => "ERROR cannot pipeline other commands before metadump\r\n"u8;
    public static ReadOnlySpan<byte> LruPercentTooHigh => "ERROR hot and warm pcts must not exceed 80\r\n"u8;
    public static ReadOnlySpan<byte> LruFactorNotPositive => "ERROR hot/warm age factors must be greater than 0\r\n"u8;
    public static ReadOnlySpan<byte> WatchNotAllowed => "CLIENT_ERROR watch commands not allowed\r\n"u8;
    public static ReadOnlySpan<byte> WatchNotFirst => "ERROR cannot pipeline other commands before watch\r\n"u8;
    public static ReadOnlySpan<byte> WatcherTooMany => "WATCHER_TOO_MANY log watcher limit reached\r\n"u8;
    public static ReadOnlySpan<byte> WatcherFailed => "WATCHER_FAILED failed to add log watcher\r\n"u8;
    public static ReadOnlySpan<byte> TlsNotEnabled => "Error TLS not enabled\r\n"u8;

    // ASCII authentication (-Y).
    public static ReadOnlySpan<byte> Unauthenticated => "CLIENT_ERROR unauthenticated\r\n"u8;
    public static ReadOnlySpan<byte> AuthenticationFailure => "CLIENT_ERROR authentication failure\r\n"u8;
    public static ReadOnlySpan<byte> BadAuthenticationTokenFormat => "CLIENT_ERROR bad authentication token format\r\n"u8;
    public static ReadOnlySpan<byte> BadCommandLineTermination => "CLIENT_ERROR bad command line termination\r\n"u8;
}
