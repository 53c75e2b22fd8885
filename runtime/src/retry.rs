//! The AWS "standard" retry mode: which failures are retried, how long to
//! wait, and the retry quota that stops retry storms.
//!
//! Constants follow the AWS SDKs' standard mode as documented in the SDK
//! reference guide (retry behavior, the 2026 revision): 3 attempts, full
//! jitter exponential backoff `random(0, min(base * 2^(n-1), 20 s))` with a
//! base of 50 ms for transient errors and 1 s for throttling, and a quota of
//! 500 tokens. Throttling and transient codes are the SDKs' shared lists
//! (the same in aws-sdk-rust, -js, -swift and botocore).
//!
//! The mode can be chosen as the SDKs allow (`AWS_RETRY_MODE`, the
//! profile's `retry_mode`, [`RetryConfig::with_retry_mode`]), and
//! `standard`, `adaptive` and `legacy` are all accepted, but every mode runs
//! the standard policy: adaptive mode's client-side rate limiter and legacy
//! mode's per-SDK attempt counts and error lists are not implemented.

use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

/// The retry mode, as `AWS_RETRY_MODE` and the profile's `retry_mode` name
/// it. Only the standard policy is implemented; see the [module docs](self).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryMode {
    /// The standard mode (the default).
    #[default]
    Standard,
    /// Adaptive mode: accepted, but run as standard (no client-side rate limiter).
    Adaptive,
    /// The SDKs' legacy mode: accepted, but run as standard.
    Legacy,
}

impl RetryMode {
    /// The name the environment and profiles use: `standard`, `adaptive`, `legacy`.
    pub fn as_str(self) -> &'static str {
        match self {
            RetryMode::Standard => "standard",
            RetryMode::Adaptive => "adaptive",
            RetryMode::Legacy => "legacy",
        }
    }
}

impl fmt::Display for RetryMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A retry mode name that is none of `standard`, `adaptive`, `legacy`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryModeParseError(String);

impl fmt::Display for RetryModeParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a retry mode: expected standard, adaptive or legacy",
            self.0
        )
    }
}

impl std::error::Error for RetryModeParseError {}

/// Case-insensitive, surrounding whitespace ignored, as the SDKs read it.
impl std::str::FromStr for RetryMode {
    type Err = RetryModeParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let name = text.trim();
        [RetryMode::Standard, RetryMode::Adaptive, RetryMode::Legacy]
            .into_iter()
            .find(|m| name.eq_ignore_ascii_case(m.as_str()))
            .ok_or_else(|| RetryModeParseError(text.to_string()))
    }
}

/// Retry settings: the mode and the standard policy's numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryConfig {
    /// The mode asked for. Every mode runs the standard policy (module docs).
    pub mode: RetryMode,
    /// Attempts in all, the first included (standard mode: 3). 1 disables retries.
    pub max_attempts: u32,
    /// Backoff base for transient and server errors (50 ms).
    pub base_delay: Duration,
    /// Backoff base for throttling errors (1 s).
    pub throttling_base_delay: Duration,
    /// Upper bound of one backoff delay (20 s).
    pub max_delay: Duration,
    /// Whether retries draw on the client's retry quota.
    pub quota: bool,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            mode: RetryMode::Standard,
            max_attempts: 3,
            base_delay: Duration::from_millis(50),
            throttling_base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(20),
            quota: true,
        }
    }
}

impl RetryConfig {
    /// Standard mode with its defaults (the same as `default()`), as aws-sdk-rust names it.
    pub fn standard() -> Self {
        Self::default()
    }

    /// Adaptive mode, as aws-sdk-rust names it; runs the standard policy (module docs).
    pub fn adaptive() -> Self {
        Self::default().with_retry_mode(RetryMode::Adaptive)
    }

    /// The same settings in `mode`.
    pub fn with_retry_mode(self, mode: RetryMode) -> Self {
        RetryConfig { mode, ..self }
    }

    /// The mode.
    pub fn mode(&self) -> RetryMode {
        self.mode
    }

    /// The same settings with at most `max` between two attempts.
    pub fn with_max_backoff(self, max: Duration) -> Self {
        RetryConfig {
            max_delay: max,
            ..self
        }
    }

    /// No retries.
    pub fn disabled() -> Self {
        RetryConfig {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Standard mode with `max_attempts` attempts.
    pub fn with_max_attempts(self, max_attempts: u32) -> Self {
        RetryConfig {
            max_attempts: max_attempts.max(1),
            ..self
        }
    }

    /// The same settings with both backoff bases set to `base` (tests use
    /// a millisecond to keep retries fast).
    pub fn with_base_delay(self, base: Duration) -> Self {
        RetryConfig {
            base_delay: base,
            throttling_base_delay: base,
            ..self
        }
    }
}

/// Why a failure may be retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryKind {
    /// The service asked the client to slow down (throttling codes, 429).
    Throttling,
    /// A transient service fault (`RequestTimeout`, 500/502/503/504).
    ServerError,
    /// No usable response: connection refused or reset, I/O error, attempt timeout.
    Transient,
}

/// Error codes the AWS SDKs treat as throttling.
pub const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    // In the SDKs' shared list (ECR uses it for account limits, which the
    // SDKs retry all the same; the attempt cap keeps that bounded).
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes the AWS SDKs treat as transient service faults.
pub const TRANSIENT_CODES: &[&str] =
    &["RequestTimeout", "RequestTimeoutException", "InternalError"];

/// Classifies an error response: throttling codes and 429, transient codes
/// and 500/502/503/504. Every other response, 4xx included, is final.
pub fn classify_response(code: &str, status: u16) -> Option<RetryKind> {
    if status == 429 || THROTTLING_CODES.contains(&code) {
        Some(RetryKind::Throttling)
    } else if TRANSIENT_CODES.contains(&code) || matches!(status, 500 | 502 | 503 | 504) {
        Some(RetryKind::ServerError)
    } else {
        None
    }
}

/// Full-jitter exponential backoff after failed attempt number `attempt`
/// (1-based): `unit * min(max, base * 2^(attempt-1))`, `unit` in `[0, 1)`.
pub fn backoff(config: &RetryConfig, kind: RetryKind, attempt: u32, unit: f64) -> Duration {
    let base = match kind {
        RetryKind::Throttling => config.throttling_base_delay,
        RetryKind::ServerError | RetryKind::Transient => config.base_delay,
    };
    let exp = base.saturating_mul(1u32 << attempt.saturating_sub(1).min(20));
    exp.min(config.max_delay).mul_f64(unit.clamp(0.0, 1.0))
}

/// A number in `[0, 1)` for jitter, from the standard library's randomly
/// seeded hasher: good enough for spreading retries, no RNG crate needed.
pub fn random_unit() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// The retry quota (token bucket) of a client: each retry costs tokens,
/// each first-try success gives one back. When the service is failing
/// broadly the bucket empties and calls fail fast instead of multiplying
/// load. Constants from the SDKs' standard mode.
#[derive(Debug)]
pub struct RetryQuota {
    tokens: AtomicU32,
}

impl RetryQuota {
    /// Tokens in a full bucket.
    pub const CAPACITY: u32 = 500;
    /// Cost of retrying a service error.
    pub const RETRY_COST: u32 = 5;
    /// Cost of retrying a timeout or connection failure.
    pub const TRANSIENT_RETRY_COST: u32 = 10;
    /// Tokens returned by a success on the first attempt.
    pub const SUCCESS_REFUND: u32 = 1;

    /// A full bucket.
    pub fn new() -> Self {
        RetryQuota {
            tokens: AtomicU32::new(Self::CAPACITY),
        }
    }

    /// Takes the cost of a retry of `kind`; `None` when the bucket cannot pay.
    pub fn acquire(&self, kind: RetryKind) -> Option<u32> {
        let cost = match kind {
            RetryKind::Transient => Self::TRANSIENT_RETRY_COST,
            RetryKind::Throttling | RetryKind::ServerError => Self::RETRY_COST,
        };
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| t.checked_sub(cost))
            .ok()
            .map(|_| cost)
    }

    /// Returns `amount` tokens (the cost of a retry that then succeeded, or
    /// the refund of a first-try success), up to the capacity.
    pub fn release(&self, amount: u32) {
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
                Some((t + amount).min(Self::CAPACITY))
            });
    }

    /// Tokens left.
    pub fn available(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }
}

impl Default for RetryQuota {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification() {
        for code in THROTTLING_CODES {
            assert_eq!(
                classify_response(code, 400),
                Some(RetryKind::Throttling),
                "{code}"
            );
        }
        assert_eq!(
            classify_response("Anything", 429),
            Some(RetryKind::Throttling)
        );
        assert_eq!(
            classify_response("RequestTimeout", 400),
            Some(RetryKind::ServerError)
        );
        for status in [500, 502, 503, 504] {
            assert_eq!(
                classify_response("Whatever", status),
                Some(RetryKind::ServerError)
            );
        }
        for status in [400, 401, 403, 404, 409, 413, 501, 505] {
            assert_eq!(
                classify_response("RepositoryNotFoundException", status),
                None,
                "{status}"
            );
        }
        assert_eq!(classify_response("AccessDeniedException", 403), None);
        assert_eq!(classify_response("ValidationException", 400), None);
    }

    #[test]
    fn backoff_bounds() {
        let c = RetryConfig::default();
        // Transient errors: 50 ms base, doubling.
        assert_eq!(
            backoff(&c, RetryKind::ServerError, 1, 0.5),
            Duration::from_millis(25)
        );
        assert_eq!(
            backoff(&c, RetryKind::Transient, 3, 1.0),
            Duration::from_millis(200)
        );
        // Throttling: 1 s base.
        assert_eq!(
            backoff(&c, RetryKind::Throttling, 1, 1.0),
            Duration::from_secs(1)
        );
        assert_eq!(
            backoff(&c, RetryKind::Throttling, 2, 0.25),
            Duration::from_millis(500)
        );
        // Capped at 20 s, however many attempts.
        assert_eq!(
            backoff(&c, RetryKind::Throttling, 10, 1.0),
            Duration::from_secs(20)
        );
        assert_eq!(
            backoff(&c, RetryKind::Throttling, 1000, 1.0),
            Duration::from_secs(20)
        );
        assert_eq!(backoff(&c, RetryKind::Throttling, 1, 0.0), Duration::ZERO);
        for attempt in 1..6 {
            let cap = Duration::from_millis(50 * (1 << (attempt - 1)));
            for _ in 0..50 {
                let d = backoff(&c, RetryKind::ServerError, attempt, random_unit());
                assert!(d < cap, "{d:?} >= {cap:?}");
            }
        }
        let units: Vec<f64> = (0..200).map(|_| random_unit()).collect();
        assert!(units.iter().all(|u| (0.0..1.0).contains(u)));
        assert!(units.iter().any(|u| *u < 0.5) && units.iter().any(|u| *u >= 0.5));
    }

    #[test]
    fn modes_parse_like_the_sdks() {
        for (text, mode) in [
            ("standard", RetryMode::Standard),
            (" Adaptive ", RetryMode::Adaptive),
            ("LEGACY", RetryMode::Legacy),
        ] {
            assert_eq!(text.parse::<RetryMode>(), Ok(mode), "{text:?}");
            assert_eq!(mode.to_string().parse::<RetryMode>(), Ok(mode));
        }
        for bad in ["", "fast", "standard2"] {
            let e = bad.parse::<RetryMode>().unwrap_err().to_string();
            assert!(e.contains("expected standard, adaptive or legacy"), "{e}");
        }
        assert_eq!(RetryConfig::standard(), RetryConfig::default());
        assert_eq!(RetryConfig::adaptive().mode(), RetryMode::Adaptive);
        let c = RetryConfig::standard()
            .with_max_attempts(0)
            .with_max_backoff(Duration::from_secs(1));
        assert_eq!((c.max_attempts, c.max_delay), (1, Duration::from_secs(1)));
    }

    #[test]
    fn quota_drains_and_refills() {
        let q = RetryQuota::new();
        assert_eq!(q.acquire(RetryKind::ServerError), Some(5));
        assert_eq!(q.acquire(RetryKind::Transient), Some(10));
        assert_eq!(q.available(), 485);
        q.release(15);
        q.release(100);
        assert_eq!(q.available(), RetryQuota::CAPACITY);
        let mut paid = 0;
        while q.acquire(RetryKind::Transient).is_some() {
            paid += 1;
        }
        assert_eq!(paid, 50);
        assert_eq!(q.acquire(RetryKind::ServerError), None);
    }
}
