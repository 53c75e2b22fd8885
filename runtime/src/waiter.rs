//! Waiters: poll an operation until its result reaches a state the model
//! names (`smithy.waiters#waitable`), with the Smithy waiter specification's
//! exponential backoff with jitter between polls.
//!
//! Generated `wait_until_*` builders call [`wait`] with one closure that
//! sends the operation once and another that classifies its result into an
//! [`AcceptorState`] (the model's acceptors in order, first match wins).
//! The loop here knows nothing of any operation: it is generic over the
//! output `O` and the error `E` of one poll.
//!
//! Timing follows the specification: after poll number `n` that asks for a
//! retry, the waiter sleeps `random(minDelay, min(maxDelay, minDelay·2^(n-1)))`
//! whole seconds; when that would leave no more than `minDelay` of the caller's
//! `max_wait`, it sleeps the whole remainder instead and polls one last time.
//! A poll in flight is not cancelled at the deadline (the operation's own
//! timeouts bound it); the deadline is checked after every poll.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::time::Duration;
use tokio::time::Instant;

type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// What the acceptors of a waiter made of one poll's result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AcceptorState {
    /// A `success` acceptor matched: stop, the wait succeeded.
    Success,
    /// A `failure` acceptor matched: stop, the resource cannot reach the state.
    Failure,
    /// A `retry` acceptor matched: poll again.
    Retry,
    /// No acceptor matched: an error ends the wait, a success polls again.
    NoMatch,
}

/// The delays of one waiter, from its model: `minDelay` and `maxDelay`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Delays {
    min: Duration,
    max: Duration,
}

impl Delays {
    /// `minDelay` 2 s and `maxDelay` 120 s, the specification's defaults.
    pub const DEFAULT: Delays = Delays {
        min: Duration::from_secs(2),
        max: Duration::from_secs(120),
    };

    /// Delays of `min_secs` to `max_secs` whole seconds between polls. A
    /// minimum of zero is taken as one second (the specification requires
    /// at least one), and a maximum below the minimum as the minimum.
    pub const fn from_secs(min_secs: u64, max_secs: u64) -> Self {
        let min = if min_secs == 0 { 1 } else { min_secs };
        let max = if max_secs < min { min } else { max_secs };
        Delays {
            min: Duration::from_secs(min),
            max: Duration::from_secs(max),
        }
    }

    /// The shortest delay between polls.
    pub fn min_delay(&self) -> Duration {
        self.min
    }

    /// The longest delay between polls.
    pub fn max_delay(&self) -> Duration {
        self.max
    }

    /// The delay after retry number `attempt` (1-based) when `remaining`
    /// of the caller's maximum wait is left. `random(lo, hi)` returns a whole
    /// number of seconds in `lo..=hi`.
    fn delay(
        &self,
        attempt: u32,
        remaining: Duration,
        random: &(dyn Fn(u64, u64) -> u64 + Sync),
    ) -> Duration {
        let (min, max) = (self.min.as_secs(), self.max.as_secs());
        // attemptCeiling = log(maxDelay / minDelay) / log(2) + 1: past it,
        // the exponential term would exceed maxDelay (and could overflow).
        let ceiling = ((max as f64 / min as f64).ln() / 2f64.ln() + 1.0) as u32;
        let upper = if attempt > ceiling {
            max
        } else {
            min.saturating_mul(1u64 << attempt.saturating_sub(1).min(62))
                .min(max)
        };
        let delay = Duration::from_secs(random(min, upper).clamp(min, upper));
        if remaining.saturating_sub(delay) <= self.min {
            remaining
        } else {
            delay
        }
    }
}

impl Default for Delays {
    fn default() -> Self {
        Delays::DEFAULT
    }
}

/// The poll that ended a wait: its result (an output or an error, as the
/// matching acceptor allows) and how many polls were made.
#[derive(Debug)]
pub struct FinalPoll<O, E> {
    result: Result<O, E>,
    attempts: u32,
}

impl<O, E> FinalPoll<O, E> {
    /// The result of the last poll.
    pub fn as_result(&self) -> Result<&O, &E> {
        self.result.as_ref()
    }

    /// The result of the last poll, owned.
    pub fn into_result(self) -> Result<O, E> {
        self.result
    }

    /// The output of the last poll, when it succeeded.
    pub fn output(&self) -> Option<&O> {
        self.result.as_ref().ok()
    }

    /// The output of the last poll, owned, when it succeeded.
    pub fn into_output(self) -> Option<O> {
        self.result.ok()
    }

    /// The error of the last poll, when it failed (a `success` acceptor may
    /// match an error, as in "wait until the table no longer exists").
    pub fn error(&self) -> Option<&E> {
        self.result.as_ref().err()
    }

    /// How many times the operation was called.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

/// Why a wait ended without reaching the state waited for.
#[derive(Debug)]
pub enum WaiterError<O, E> {
    /// The request could not be built (a required member missing): nothing
    /// was sent.
    Construction(BoxError),
    /// `max_wait` passed and no acceptor had ended the wait.
    ExceededMaxWait(ExceededMaxWait),
    /// A `failure` acceptor matched this poll: the resource reached a state
    /// from which the one waited for cannot follow.
    FailureState(FinalPoll<O, E>),
    /// The operation failed with an error that no acceptor matched.
    UnexpectedError {
        /// The error of the last poll.
        error: E,
        /// How many times the operation was called.
        attempts: u32,
    },
}

impl<O, E> WaiterError<O, E> {
    /// A construction failure.
    pub fn construction(e: impl Into<BoxError>) -> Self {
        WaiterError::Construction(e.into())
    }

    /// The error of the last poll, for a failure state reached by an error
    /// or an unexpected error.
    pub fn operation_error(&self) -> Option<&E> {
        match self {
            WaiterError::FailureState(poll) => poll.error(),
            WaiterError::UnexpectedError { error, .. } => Some(error),
            _ => None,
        }
    }

    /// Whether the wait ran out of time.
    pub fn is_exceeded_max_wait(&self) -> bool {
        matches!(self, WaiterError::ExceededMaxWait(_))
    }

    /// Whether a `failure` acceptor matched.
    pub fn is_failure_state(&self) -> bool {
        matches!(self, WaiterError::FailureState(_))
    }
}

impl<O, E: fmt::Display> fmt::Display for WaiterError<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaiterError::Construction(e) => write!(f, "waiter request not sent: {e}"),
            WaiterError::ExceededMaxWait(e) => fmt::Display::fmt(e, f),
            WaiterError::FailureState(poll) => match poll.as_result() {
                Ok(_) => write!(
                    f,
                    "the waiter reached a failure state after {} polls",
                    poll.attempts
                ),
                Err(e) => write!(
                    f,
                    "the waiter reached a failure state after {} polls: {e}",
                    poll.attempts
                ),
            },
            WaiterError::UnexpectedError { error, attempts } => write!(
                f,
                "the waited-for operation failed unexpectedly (poll {attempts}): {error}"
            ),
        }
    }
}

impl<O: fmt::Debug, E: StdError + 'static> StdError for WaiterError<O, E> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            WaiterError::Construction(e) => Some(e.as_ref()),
            WaiterError::ExceededMaxWait(e) => Some(e),
            WaiterError::FailureState(poll) => poll.error().map(|e| e as _),
            WaiterError::UnexpectedError { error, .. } => Some(error),
        }
    }
}

/// The facts of a wait that ran out of time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExceededMaxWait {
    max_wait: Duration,
    elapsed: Duration,
    attempts: u32,
}

impl ExceededMaxWait {
    /// The maximum wait the caller gave.
    pub fn max_wait(&self) -> Duration {
        self.max_wait
    }

    /// How long the wait lasted.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// How many times the operation was called.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl fmt::Display for ExceededMaxWait {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the waiter exceeded its maximum wait of {:?} after {} polls ({:?} elapsed)",
            self.max_wait, self.attempts, self.elapsed
        )
    }
}

impl StdError for ExceededMaxWait {}

/// Polls until an acceptor ends the wait or `max_wait` passes.
///
/// `poll` sends the operation once; `classify` applies the waiter's
/// acceptors to its result. A [`AcceptorState::Success`] returns the final
/// poll, [`AcceptorState::Failure`] returns it as
/// [`WaiterError::FailureState`], an error no acceptor matched is
/// [`WaiterError::UnexpectedError`], and anything else polls again after
/// the backoff delay.
pub async fn wait<O, E, F, Fut, C>(
    delays: Delays,
    max_wait: Duration,
    poll: F,
    classify: C,
) -> Result<FinalPoll<O, E>, WaiterError<O, E>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<O, E>>,
    C: Fn(&Result<O, E>) -> AcceptorState,
{
    run(delays, max_wait, poll, classify, &random_secs).await
}

/// A whole number of seconds in `lo..=hi`.
fn random_secs(lo: u64, hi: u64) -> u64 {
    let span = hi.saturating_sub(lo).saturating_add(1);
    lo + ((crate::retry::random_unit() * span as f64) as u64).min(span - 1)
}

async fn run<O, E, F, Fut, C>(
    delays: Delays,
    max_wait: Duration,
    mut poll: F,
    classify: C,
    random: &(dyn Fn(u64, u64) -> u64 + Sync),
) -> Result<FinalPoll<O, E>, WaiterError<O, E>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<O, E>>,
    C: Fn(&Result<O, E>) -> AcceptorState,
{
    let start = Instant::now();
    let mut attempts: u32 = 0;
    let mut last_poll = false;
    loop {
        attempts = attempts.saturating_add(1);
        tracing::debug!(attempt = attempts, "waiter poll");
        let result = poll().await;
        let state = classify(&result);
        tracing::debug!(attempt = attempts, ?state, "waiter acceptor state");
        match (state, result) {
            (AcceptorState::Success, result) => return Ok(FinalPoll { result, attempts }),
            (AcceptorState::Failure, result) => {
                return Err(WaiterError::FailureState(FinalPoll { result, attempts }))
            }
            (AcceptorState::NoMatch, Err(error)) => {
                return Err(WaiterError::UnexpectedError { error, attempts })
            }
            (AcceptorState::NoMatch | AcceptorState::Retry, _) => {}
        }
        let elapsed = start.elapsed();
        if last_poll || elapsed >= max_wait {
            return Err(WaiterError::ExceededMaxWait(ExceededMaxWait {
                max_wait,
                elapsed,
                attempts,
            }));
        }
        let remaining = max_wait - elapsed;
        let delay = delays.delay(attempts, remaining, random);
        if delay >= remaining {
            last_poll = true;
        }
        tokio::time::sleep(delay).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    /// Polls that answer with `answers` in turn (the last one repeating),
    /// recording the (paused) time of each poll since the start.
    type Answer = Result<&'static str, &'static str>;
    type Times = std::rc::Rc<RefCell<Vec<Duration>>>;

    fn script(answers: Vec<Answer>) -> (impl FnMut() -> std::future::Ready<Answer>, Times) {
        let times = std::rc::Rc::new(RefCell::new(Vec::new()));
        let start = Instant::now();
        let seen = times.clone();
        let mut n = 0;
        let poll = move || {
            seen.borrow_mut().push(start.elapsed());
            let answer = answers[n.min(answers.len() - 1)];
            n += 1;
            std::future::ready(answer)
        };
        (poll, times)
    }

    fn classify(r: &Result<&str, &str>) -> AcceptorState {
        match r {
            Ok("ACTIVE") => AcceptorState::Success,
            Ok("FAILED") => AcceptorState::Failure,
            Ok("CREATING") => AcceptorState::Retry,
            Err("NotFound") => AcceptorState::Retry,
            Err("Gone") => AcceptorState::Success,
            _ => AcceptorState::NoMatch,
        }
    }

    fn secs(list: &[u64]) -> Vec<Duration> {
        list.iter().map(|s| Duration::from_secs(*s)).collect()
    }

    #[test]
    fn delays_follow_the_specification() {
        let d = Delays::DEFAULT;
        let upper = |lo: u64, hi: u64| {
            assert!(lo <= hi);
            hi
        };
        let far = Duration::from_secs(10_000);
        let got: Vec<u64> = (1..=9).map(|a| d.delay(a, far, &upper).as_secs()).collect();
        // min(maxDelay, 2 * 2^(n-1)); past the ceiling always maxDelay.
        assert_eq!(got, [2, 4, 8, 16, 32, 64, 120, 120, 120]);
        let lower = |lo: u64, _hi: u64| lo;
        assert!((1..=40).all(|a| d.delay(a, far, &lower) == Duration::from_secs(2)));
        // Close to the deadline the whole remainder is used.
        assert_eq!(
            d.delay(3, Duration::from_secs(9), &upper),
            Duration::from_secs(9)
        );
        assert_eq!(
            d.delay(3, Duration::from_secs(11), &upper),
            Duration::from_secs(8)
        );
        // Huge attempt numbers do not overflow.
        assert_eq!(d.delay(u32::MAX, far, &upper), Duration::from_secs(120));
        // The real jitter stays within bounds.
        for a in 1..20 {
            let got = d.delay(a, far, &random_secs);
            assert!(got >= Duration::from_secs(2) && got <= Duration::from_secs(120));
        }
        assert_eq!(Delays::from_secs(0, 0), Delays::from_secs(1, 1));
        assert_eq!(Delays::from_secs(5, 3).max_delay(), Duration::from_secs(5));
    }

    #[tokio::test(start_paused = true)]
    async fn succeeds_after_retries_with_backoff() {
        let (poll, times) = script(vec![Ok("CREATING"), Ok("CREATING"), Ok("ACTIVE")]);
        let upper = |_lo: u64, hi: u64| hi;
        let done = run(
            Delays::DEFAULT,
            Duration::from_secs(300),
            poll,
            classify,
            &upper,
        )
        .await
        .expect("success");
        assert_eq!(done.attempts(), 3);
        assert_eq!(done.output(), Some(&"ACTIVE"));
        assert_eq!(*times.borrow(), secs(&[0, 2, 6]));
    }

    #[tokio::test(start_paused = true)]
    async fn times_out_with_a_last_poll_at_the_deadline() {
        let (poll, times) = script(vec![Ok("CREATING")]);
        let upper = |_lo: u64, hi: u64| hi;
        let err = run(
            Delays::DEFAULT,
            Duration::from_secs(300),
            poll,
            classify,
            &upper,
        )
        .await
        .expect_err("times out");
        // 2, 4, 8, 16, 32, 64, 120 (cumulative 246), then the remaining 54.
        assert_eq!(*times.borrow(), secs(&[0, 2, 6, 14, 30, 62, 126, 246, 300]));
        match err {
            WaiterError::ExceededMaxWait(e) => {
                assert_eq!(e.attempts(), 9);
                assert_eq!(e.elapsed(), Duration::from_secs(300));
                assert_eq!(e.max_wait(), Duration::from_secs(300));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn minimum_delays_end_with_the_remainder() {
        let (poll, times) = script(vec![Ok("CREATING")]);
        let lower = |lo: u64, _hi: u64| lo;
        let err = run(
            Delays::DEFAULT,
            Duration::from_secs(11),
            poll,
            classify,
            &lower,
        )
        .await
        .expect_err("times out");
        // 2 s while more than minDelay would be left after it, then the 3 s that remain.
        assert_eq!(*times.borrow(), secs(&[0, 2, 4, 6, 8, 11]));
        assert!(err.is_exceeded_max_wait());
    }

    #[tokio::test(start_paused = true)]
    async fn real_jitter_respects_the_deadline() {
        let (poll, times) = script(vec![Ok("CREATING")]);
        let err = wait(
            Delays::from_secs(1, 10),
            Duration::from_secs(60),
            poll,
            classify,
        )
        .await
        .expect_err("times out");
        assert!(err.is_exceeded_max_wait());
        let times = times.borrow();
        assert_eq!(*times.last().unwrap(), Duration::from_secs(60));
        assert!(times
            .windows(2)
            .all(|w| w[1] - w[0] >= Duration::from_secs(1)));
    }

    #[tokio::test(start_paused = true)]
    async fn failure_and_errors_end_the_wait() {
        let (poll, times) = script(vec![Ok("CREATING"), Ok("FAILED")]);
        let err = wait(Delays::DEFAULT, Duration::from_secs(60), poll, classify)
            .await
            .expect_err("failure state");
        assert!(err.is_failure_state());
        assert_eq!(times.borrow().len(), 2);
        match err {
            WaiterError::FailureState(poll) => assert_eq!(poll.into_output(), Some("FAILED")),
            other => panic!("unexpected {other:?}"),
        }

        // An error no acceptor matches fails at once.
        let (poll, times) = script(vec![Err("NotFound"), Err("AccessDenied")]);
        let err = wait(Delays::DEFAULT, Duration::from_secs(60), poll, classify)
            .await
            .expect_err("unexpected error");
        assert_eq!(times.borrow().len(), 2);
        assert_eq!(err.operation_error(), Some(&"AccessDenied"));
        assert!(err.to_string().contains("AccessDenied"), "{err}");

        // A success that no acceptor matches polls again.
        let (poll, times) = script(vec![Ok("UPDATING"), Ok("ACTIVE")]);
        let done = wait(Delays::DEFAULT, Duration::from_secs(60), poll, classify)
            .await
            .expect("success");
        assert_eq!(done.attempts(), 2);
        assert_eq!(times.borrow().len(), 2);

        // A success acceptor may match an error.
        let (poll, _) = script(vec![Err("Gone")]);
        let done = wait(Delays::DEFAULT, Duration::from_secs(60), poll, classify)
            .await
            .expect("success");
        assert_eq!(done.error(), Some(&"Gone"));
        assert_eq!(done.into_result(), Err("Gone"));
    }

    #[tokio::test(start_paused = true)]
    async fn zero_max_wait_polls_once() {
        let (poll, times) = script(vec![Ok("CREATING")]);
        let err = wait(Delays::DEFAULT, Duration::ZERO, poll, classify)
            .await
            .expect_err("times out");
        assert_eq!(times.borrow().len(), 1);
        assert!(err.to_string().contains("maximum wait"), "{err}");
    }
}
