//! Runs a property over a bounded list of inputs: each input under
//! `catch_unwind`, so a panic (in the runtime, or a property's assertion)
//! is caught, shrunk to a small input that panics at the same place, and
//! reported with the input in hex and as text.

use std::cell::RefCell;
use std::io::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;
use std::time::Instant;

/// The seed and input count of a run: fixed by default, so CI is
/// deterministic; `APIGEN_FUZZ_SEED` and `APIGEN_FUZZ_INPUTS` override them
/// for longer local runs.
pub fn budget(default_inputs: usize) -> (u64, usize) {
    let seed = std::env::var("APIGEN_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_0FA9_19E4);
    let inputs = std::env::var("APIGEN_FUZZ_INPUTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default_inputs);
    (seed, inputs)
}

/// A line in the test log (not captured, like the summary).
pub fn note(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Runs `check` on every input; `check` returns whether the input was
/// accepted (for the summary) and panics when a property does not hold.
/// Prints `NAME: N inputs, M accepted, K rejected` straight to stderr, which
/// the test harness does not capture, so every run's count is in the log.
pub fn run(
    name: &str,
    seed: u64,
    inputs: impl IntoIterator<Item = Vec<u8>>,
    check: impl Fn(&[u8]) -> bool,
) {
    install_quiet_hook();
    let started = Instant::now();
    let (mut total, mut accepted) = (0usize, 0usize);
    for (index, input) in inputs.into_iter().enumerate() {
        match catch(&check, &input) {
            Ok(true) => accepted += 1,
            Ok(false) => {}
            Err(failure) => report(name, seed, index, &input, failure, &check),
        }
        total += 1;
    }
    let _ = writeln!(
        std::io::stderr(),
        "{name}: {total} inputs, {accepted} accepted, {} rejected ({:.1} s, seed {seed})",
        total - accepted,
        started.elapsed().as_secs_f64()
    );
}

/// Where and why a check panicked.
#[derive(Clone, PartialEq)]
struct Failure {
    location: String,
    message: String,
}

thread_local! {
    /// Set while a check runs: its panic is recorded here instead of printed.
    static CAUGHT: RefCell<Option<Option<Failure>>> = const { RefCell::new(None) };
}

/// A panic hook that records panics of checks (and stays silent, since
/// shrinking panics hundreds of times) and prints all others as usual.
fn install_quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let recorded = CAUGHT.with(|c| {
                let mut c = c.borrow_mut();
                let Some(slot) = c.as_mut() else {
                    return false;
                };
                let message = info
                    .payload()
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                let location = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                *slot = Some(Failure { location, message });
                true
            });
            if !recorded {
                default(info)
            }
        }));
    });
}

fn catch(check: &impl Fn(&[u8]) -> bool, input: &[u8]) -> Result<bool, Failure> {
    CAUGHT.with(|c| *c.borrow_mut() = Some(None));
    let result = panic::catch_unwind(AssertUnwindSafe(|| check(input)));
    let caught = CAUGHT.with(|c| c.borrow_mut().take()).flatten();
    result.map_err(|_| {
        caught.unwrap_or(Failure {
            location: "?".into(),
            message: "a panic without a message".into(),
        })
    })
}

/// Shrinks the input (drops chunks, halving their size, while the check
/// still panics at the same place) and fails the test with it.
fn report(
    name: &str,
    seed: u64,
    index: usize,
    input: &[u8],
    failure: Failure,
    check: &impl Fn(&[u8]) -> bool,
) -> ! {
    let same_failure = |candidate: &[u8]| matches!(catch(check, candidate), Err(f) if f.location == failure.location);
    let mut smallest = input.to_vec();
    let mut chunk = smallest.len().div_ceil(2).max(1);
    let mut attempts = 0;
    while attempts < 5_000 {
        let mut shrunk = false;
        let mut at = 0;
        while at < smallest.len() && attempts < 5_000 {
            let mut candidate = smallest.clone();
            candidate.drain(at..(at + chunk).min(smallest.len()));
            attempts += 1;
            if same_failure(&candidate) {
                smallest = candidate;
                shrunk = true;
            } else {
                at += chunk;
            }
        }
        if chunk == 1 && !shrunk {
            break;
        }
        chunk = (chunk / 2).max(1);
    }
    let minimal = catch(check, &smallest).err().unwrap_or(failure.clone());
    panic!(
        "{name}: input #{index} (seed {seed}, {} bytes) fails at {}:\n  {}\n\
         shrunk to {} bytes:\n  text: {}\n  hex:  {}\n  which fails with: {}",
        input.len(),
        failure.location,
        clip(&failure.message),
        smallest.len(),
        clip(&format!("{:?}", String::from_utf8_lossy(&smallest))),
        clip(&hex(&smallest)),
        clip(&minimal.message),
    );
}

/// Messages name values, which can be megabytes long.
fn clip(text: &str) -> String {
    const MAX: usize = 2000;
    match text.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}… ({} bytes in all)", &text[..end], text.len()),
        None => text.to_string(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
