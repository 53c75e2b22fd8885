//! The `apigen` command line.

use std::process::ExitCode;

// Token streams, syn trees and prettyplease buffers are millions of small
// allocations; with glibc's allocator they were a third of a cold
// `generate`. The build script path (the library) keeps the system allocator.
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    apigen::cli::run(&args)
}
