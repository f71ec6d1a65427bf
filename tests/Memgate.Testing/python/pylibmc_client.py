"""Exercises a server with pylibmc (Debian python3-pylibmc, libmemcached). Usage: pylibmc_client.py HOST PORT [--proxy]

With --proxy the target is memgate proxy: ascii only (the proxy speaks text and meta, not binary), and its
stats are the proxy's own counters (no curr_items).
"""
import sys

import pylibmc


def check(label, actual, expected):
    if actual != expected:
        raise AssertionError(f"{label}: expected {expected!r}, got {actual!r}")


def soft(call, *args):
    """The binary protocol reports some misses as exceptions where ascii returns False."""
    try:
        return call(*args)
    except (pylibmc.NotFound, pylibmc.DataExists, pylibmc.DataDoesNotExist):
        return False


def run(c, binary, proxy):
    tag = "binary" if binary else "ascii"
    check(f"{tag} flush_all", c.flush_all(), True)
    check(f"{tag} set", c.set("k", b"v1"), True)
    check(f"{tag} get", c.get("k"), b"v1")
    check(f"{tag} get miss", c.get("missing"), None)
    check(f"{tag} set_multi", c.set_multi({"a": b"1", "b": b"2", "c": b"3"}), [])
    check(f"{tag} get_multi", c.get_multi(["a", "b", "c", "missing"]), {"a": b"1", "b": b"2", "c": b"3"})
    check(f"{tag} add existing", soft(c.add, "a", b"x"), False)
    check(f"{tag} add new", c.add("new", b"x"), True)
    check(f"{tag} replace existing", c.replace("a", b"A"), True)
    check(f"{tag} replace missing", soft(c.replace, "nope", b"x"), False)
    check(f"{tag} append", c.append("a", b"fter"), True)
    check(f"{tag} prepend", c.prepend("a", b"be"), True)
    check(f"{tag} after append/prepend", c.get("a"), b"beAfter")
    check(f"{tag} python object round trip", (c.set("obj", {"x": [1, 2]}), c.get("obj"))[1], {"x": [1, 2]})
    check(f"{tag} int round trip", (c.set("int", 42), c.get("int"))[1], 42)

    value, cas = c.gets("k")
    check(f"{tag} gets value", value, b"v1")
    check(f"{tag} cas ok", c.cas("k", b"v2", cas), True)
    check(f"{tag} cas stale", soft(c.cas, "k", b"v3", cas), False)
    check(f"{tag} after cas", c.get("k"), b"v2")

    check(f"{tag} set counter", c.set("n", b"10"), True)
    check(f"{tag} incr", c.incr("n", 5), 15)
    check(f"{tag} decr", c.decr("n", 20), 0)
    try:
        c.incr("nope", 1)
        raise AssertionError(f"{tag} incr on missing key did not raise")
    except pylibmc.NotFound:
        pass

    check(f"{tag} touch", c.touch("k", 1000), True)
    check(f"{tag} touch missing", soft(c.touch, "nope", 1000), False)
    check(f"{tag} delete", c.delete("k"), True)
    check(f"{tag} delete missing", soft(c.delete, "k"), False)
    check(f"{tag} delete_multi", c.delete_multi(["b", "c"]), True)
    check(f"{tag} get deleted", c.get_multi(["k", "b", "c"]), {})

    big = b"y" * 500_000
    check(f"{tag} set big", c.set("big", big), True)
    check(f"{tag} get big", c.get("big"), big)

    stats = c.get_stats()
    check(f"{tag} one server in stats", len(stats), 1)
    fields = stats[0][1]
    expected = ("pid", "uptime", "get_hits", "cmd_set", "version") + (() if proxy else ("curr_items",))
    for name in expected:
        if name not in fields:
            raise AssertionError(f"{tag} stats lacks {name}: {sorted(fields)}")


def main():
    host, port = sys.argv[1], sys.argv[2]
    proxy = "--proxy" in sys.argv[3:]
    ascii_client = pylibmc.Client([f"{host}:{port}"], binary=False, behaviors={"cas": True})
    run(ascii_client, binary=False, proxy=proxy)

    quiet = pylibmc.Client([f"{host}:{port}"], binary=False, behaviors={"_noreply": True})
    quiet.set("q", b"quiet")
    quiet.append("q", b"!")
    quiet.delete("new")
    check("noreply effects", quiet.get_multi(["q", "new"]), {"q": b"quiet!"})

    if not proxy:
        binary_client = pylibmc.Client([f"{host}:{port}"], binary=True, behaviors={"cas": True})
        run(binary_client, binary=True, proxy=False)
    check("flush_all at end", ascii_client.flush_all(), True)
    print("OK")


if __name__ == "__main__":
    main()
