"""Exercises a server with pymemcache (Debian python3-pymemcache). Usage: pymemcache_client.py HOST PORT [--proxy]

With --proxy the target is memgate proxy: its stats are the proxy's own counters (no curr_items).
"""
import sys

from pymemcache.client.base import Client


def check(label, actual, expected):
    if actual != expected:
        raise AssertionError(f"{label}: expected {expected!r}, got {actual!r}")


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    proxy = "--proxy" in sys.argv[3:]
    c = Client((host, port), connect_timeout=5, timeout=5, default_noreply=False)

    check("flush_all", c.flush_all(), True)
    check("set", c.set("k", b"v1"), True)
    check("get", c.get("k"), b"v1")
    check("get miss", c.get("missing"), None)
    check("set_many", c.set_many({"a": b"1", "b": b"2", "c": b"3"}), [])
    check("get_multi", c.get_multi(["a", "b", "c", "missing"]), {"a": b"1", "b": b"2", "c": b"3"})
    check("add existing", c.add("a", b"x"), False)
    check("add new", c.add("new", b"x"), True)
    check("replace existing", c.replace("a", b"A"), True)
    check("replace missing", c.replace("nope", b"x"), False)
    check("append", c.append("a", b"fter"), True)
    check("prepend", c.prepend("a", b"be"), True)
    check("after append/prepend", c.get("a"), b"beAfter")

    value, cas = c.gets("k")
    check("gets value", value, b"v1")
    check("cas ok", c.cas("k", b"v2", cas), True)
    check("cas stale", c.cas("k", b"v3", cas), False)
    check("cas missing", c.cas("nope", b"v", cas), None)
    check("after cas", c.get("k"), b"v2")
    many = c.gets_many(["k", "a"])
    check("gets_many keys", sorted(many.keys()), ["a", "k"])

    check("set counter", c.set("n", b"10"), True)
    check("incr", c.incr("n", 5), 15)
    check("decr", c.decr("n", 20), 0)
    check("incr missing", c.incr("nope", 1), None)
    check("incr wrap", (c.set("w", b"18446744073709551615"), c.incr("w", 1))[1], 0)

    check("touch", c.touch("k", 1000), True)
    check("touch missing", c.touch("nope", 1000), False)
    check("delete", c.delete("k"), True)
    check("delete missing", c.delete("k"), False)
    check("get deleted", c.get("k"), None)

    # noreply: the client does not wait for replies; a later get proves ordering.
    c.set("q", b"quiet", noreply=True)
    c.add("q", b"other", noreply=True)
    c.append("q", b"!", noreply=True)
    c.incr("n", 1, noreply=True)
    c.delete("a", noreply=True)
    # memcached may space-pad a shrunk counter ("15" decr → "0 "), so compare numerically.
    got = c.get_multi(["q", "n", "a"])
    check("noreply effects", (got.get("q"), int(got.get("n", b"-1")), "a" in got), (b"quiet!", 1, False))

    big = b"x" * 500_000
    check("set big", c.set("big", big), True)
    check("get big", c.get("big"), big)
    binary = bytes(range(256)) * 4
    check("set binary", c.set("bin", binary), True)
    check("get binary", c.get("bin"), binary)

    stats = c.stats()
    expected = (b"pid", b"uptime", b"get_hits", b"cmd_set", b"version", b"curr_connections")
    expected += (b"backends_up", b"read_failovers") if proxy else (b"curr_items",)
    for name in expected:
        if name not in stats:
            raise AssertionError(f"stats lacks {name!r}: {sorted(stats)}")
    settings = c.stats("settings")
    check("stats settings maxconns", int(settings[b"maxconns"]) > 0, True)
    version = c.version()
    check("version looks like 1.6", version.startswith(b"1.6"), True)

    check("flush_all again", c.flush_all(), True)
    check("get after flush", c.get_multi(["q", "n", "b"]), {})
    c.close()
    print("OK")


if __name__ == "__main__":
    main()
