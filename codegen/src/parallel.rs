//! Running independent pieces of work on all cores: files to parse, files
//! to render. Results come back in input order, so nothing downstream
//! depends on scheduling, and a panic in a worker is a panic here (never a
//! silently missing result).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::{Scope, ScopedJoinHandle};

/// Stack of each worker thread. Parsing, deserializing and lowering recurse
/// once per level of a document's nesting, which the parsers allow to 128
/// levels; Rust's default of 2 MiB overflowed (an abort, not an error) at
/// about 70 nested schemas in a debug build. The memory is reserved, and
/// only what a thread touches is used.
const WORKER_STACK: usize = 16 << 20;

/// `scope.spawn(f)` with [`WORKER_STACK`]. A thread the system cannot
/// create is a panic, as with `scope.spawn`.
pub fn spawn<'scope, T: Send + 'scope>(
    scope: &'scope Scope<'scope, '_>,
    f: impl FnOnce() -> T + Send + 'scope,
) -> ScopedJoinHandle<'scope, T> {
    std::thread::Builder::new()
        .stack_size(WORKER_STACK)
        .spawn_scoped(scope, f)
        .unwrap_or_else(|e| panic!("cannot start a worker thread: {e}"))
}

/// `f` over `items` on up to eight threads (one when there is one item or
/// one core); the results in the order of `items`. Items are handed out one
/// at a time, so a few large ones do not leave other threads idle.
pub fn map_in_order<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
        .min(items.len());
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                spawn(scope, || {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        out.push((i, f(item)));
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_input_order() {
        let items: Vec<u64> = (0..200).collect();
        let out = super::map_in_order(&items, |n| {
            // Uneven work, so threads finish out of order.
            std::thread::sleep(std::time::Duration::from_micros((n % 7) * 50));
            n * 2
        });
        assert_eq!(out, items.iter().map(|n| n * 2).collect::<Vec<_>>());
    }

    #[test]
    #[should_panic(expected = "worker failed")]
    fn a_worker_panic_is_not_swallowed() {
        let items = [1, 2, 3, 4];
        super::map_in_order(&items, |&n| {
            if n == 3 {
                panic!("worker failed");
            }
            n
        });
    }
}
