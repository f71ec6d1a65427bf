# shellcheck shell=bash
# Markdown tables from the JSON lines the load generator wrote (plus "skipped" lines from run.sh).

# report_markdown FILE.jsonl
report_markdown() {
    local jsonl=$1
    jq -rs '
      def r1: if . == null or . < 0 then "–" else (. * 10 | round / 10 | tostring) end;
      def r0: if . == null or . < 0 then "–" else (round | tostring) end;
      def mib: if . == null or . < 0 then "–" else (. / 1024 | round | tostring) end;
      [ .[] | select(.workload != "preload") ] as $runs
      | if ($runs | length) > 0 then
          "| suite | target | workload | req/s | keys/s | p50 µs | p99 µs | latency of | hit % | errors | server CPU µs/req | backend CPU µs/req | server RSS MiB | loadgen CPU % | other CPU % |",
          "|---|---|---|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|",
          ( $runs[] |
            if .skipped then
              "| \(.suite) | \(.target) | \(."label" // "all") | pending | | | | | | | | | | | |"
            else
              "| \(.suite) | \(.target) | \(."label") | \(.rps | r0) | \(.keys_per_s | r0) | \(.p50_us | r1) | \(.p99_us | r1) | \(.latency_unit) | \(.hit_ratio * 100 | r1) | \(.errors + .failed_connections) | \(.server_cpu_us_per_req | (. * 100 | round / 100 | tostring)) | \(if .backend_cpu_us_per_req < 0 then "–" else (.backend_cpu_us_per_req * 100 | round / 100 | tostring) end) | \(.server_rss_kib | mib) | \(if .loadgen_cpu_s == null or .duration_s == null or .duration_s <= 0 then "–" else (100 * .loadgen_cpu_s / .duration_s | r0) end) | \(.other_cpu_pct | r0) |"
            end )
        else empty end,
      ( [ .[] | select(.workload == "preload") ] as $rss
        | if ($rss | length) > 0 then
            "",
            "| target | items | key B | value B | RSS before MiB | RSS after MiB | bytes per item | load s |",
            "|---|--:|--:|--:|--:|--:|--:|--:|",
            ( $rss[] |
              if .skipped then "| \(.target) | pending | | | | | | |"
              else "| \(.target) | \(.keys) | 16 | \(.value_size) | \(.server_rss_start_kib | mib) | \(.server_rss_kib | mib) | \((.server_rss_kib - .server_rss_start_kib) * 1024 / .keys | r1) | \(.preload_s | r1) |"
              end )
          else empty end )
    ' "$jsonl"
}
