//! The `apigen` command line.

use std::process::ExitCode;

// Token streams, syn trees and prettyplease buffers are millions of small
// allocations; with glibc's allocator they were a third of a cold
// `generate`. The build script path (the library) keeps the system allocator.
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    #[cfg(feature = "fast-alloc")]
    keep_freed_memory();
    #[cfg(all(feature = "fast-alloc", target_os = "linux"))]
    no_transparent_huge_pages();
    let args: Vec<String> = std::env::args().skip(1).collect();
    apigen::cli::run(&args)
}

/// mimalloc gives freed memory back to the OS soon after it is freed (10 ms
/// in its version 2, 1 s in version 3), and the next phase faults it in
/// again, zeroed by the kernel: on Stripe's document that was a fifth of a
/// `generate`'s CPU time with version 2, and ten times the page faults with
/// version 3. A run lasts seconds, so freed memory is kept for reuse until
/// it ends.
#[cfg(feature = "fast-alloc")]
fn keep_freed_memory() {
    // `mi_option_purge_delay` in mimalloc.h's option enum; the Rust crate
    // names no constant for it. The option is checked to hold one of the
    // defaults first, so a mimalloc that numbers its options otherwise is
    // left as it is.
    const PURGE_DELAY: std::ffi::c_int = 15;
    const DEFAULT_PURGE_DELAYS: [std::ffi::c_long; 2] = [10, 1000];
    extern "C" {
        fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
        fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    }
    // SAFETY: both read or write one process-wide allocator option, which
    // mimalloc allows at any time from any thread; -1 means "never purge".
    unsafe {
        if DEFAULT_PURGE_DELAYS.contains(&mi_option_get(PURGE_DELAY)) {
            mi_option_set(PURGE_DELAY, -1);
        }
    }
}

/// mimalloc asks for transparent huge pages on its arenas, and a kernel in
/// `madvise` mode then zeroes (and, fragmented, first compacts) 2 MiB on a
/// first touch: on Stripe's document that was 0.2-0.5 s of system time per
/// `generate`, varying run by run, against 0.15-0.2 s with 4 KiB pages
/// (median wall clock 1.13 -> 1.04 s, 8 runs each, and 15 % less memory).
/// The flag is per process and read at every fault, so setting it here
/// covers the arenas mimalloc reserved before `main`.
#[cfg(all(feature = "fast-alloc", target_os = "linux"))]
fn no_transparent_huge_pages() {
    const PR_SET_THP_DISABLE: std::ffi::c_int = 41;
    extern "C" {
        fn prctl(option: std::ffi::c_int, ...) -> std::ffi::c_int;
    }
    let (disable, unused): (std::ffi::c_ulong, std::ffi::c_ulong) = (1, 0);
    // SAFETY: PR_SET_THP_DISABLE takes one integer argument and only sets
    // a flag of this process; a kernel without it returns an error, which
    // leaves things as they were.
    unsafe {
        prctl(PR_SET_THP_DISABLE, disable, unused, unused, unused);
    }
}
