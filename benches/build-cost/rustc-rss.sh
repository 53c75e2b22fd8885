#!/usr/bin/env bash
# RUSTC_WRAPPER for build-cost.sh: runs rustc under GNU time and appends
# "<crate name> <peak RSS in KB>" to $RSS_LOG, so each crate's own compile
# can be compared (the whole build's peak is one dependency's, rustls's).
crate=build_script
prev=
for arg in "$@"; do
  [ "$prev" = "--crate-name" ] && crate=$arg
  prev=$arg
done
exec /usr/bin/time -a -o "$RSS_LOG" -f "$crate %M %e" "$@"
