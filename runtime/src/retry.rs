//! The standard retry policy: which failures to retry and how long to wait.

use std::time::Duration;

/// Error codes the AWS SDKs treat as throttling.
const THROTTLING: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes that mean a transient fault on the service side.
const TRANSIENT: &[&str] = &["RequestTimeout", "RequestTimeoutException", "InternalError"];

/// Whether the standard policy retries an error response: throttling
/// codes, transient codes, and 500/502/503/504. Other 4xx are never retried.
pub fn is_retryable_error(code: &str, status: u16) -> bool {
    THROTTLING.contains(&code)
        || TRANSIENT.contains(&code)
        || matches!(status, 500 | 502 | 503 | 504)
}

/// Full-jitter exponential backoff: a random delay in
/// `[0, min(max, base * 2^(attempt-1)))`.
pub fn backoff(base: Duration, max: Duration, attempt: u32, random_unit: f64) -> Duration {
    let exp = base.saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
    let cap = exp.min(max);
    cap.mul_f64(random_unit.clamp(0.0, 1.0))
}

/// A random number in [0, 1) from the OS-seeded hasher: good enough for
/// jitter, and no random-number crate is needed.
pub fn random_unit() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0),
    );
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification() {
        assert!(is_retryable_error("ThrottlingException", 400));
        assert!(is_retryable_error("Anything", 503));
        assert!(is_retryable_error("InternalError", 500));
        assert!(!is_retryable_error("RepositoryNotFoundException", 400));
        assert!(!is_retryable_error("AccessDenied", 403));
        assert!(!is_retryable_error("NotImplemented", 501));
    }

    #[test]
    fn backoff_is_bounded_and_grows() {
        let base = Duration::from_secs(1);
        let max = Duration::from_secs(20);
        assert_eq!(backoff(base, max, 1, 0.999_999).as_millis(), 999);
        assert_eq!(backoff(base, max, 3, 0.5), Duration::from_secs(2));
        assert_eq!(backoff(base, max, 10, 1.0), max);
        for _ in 0..100 {
            let u = random_unit();
            assert!((0.0..1.0).contains(&u));
        }
    }
}
