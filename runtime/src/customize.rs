//! Per-call settings, in aws-sdk-rust's shape:
//!
//! ```ignore
//! client
//!     .describe_images()
//!     .repository_name("app")
//!     .customize()
//!     .config_override(ecr::config::Builder::default().timeouts(timeouts))
//!     .send()
//!     .await?;
//! ```
//!
//! or, shorter, `.config_override(…)` on the fluent builder itself. The
//! override's settings (only those set on it) replace the client's for that
//! one call; see [`Handle::with_override`](crate::Handle::with_override).

use crate::config::ConfigBuilder;
use crate::http::BoxFuture;
use crate::SdkError;

/// What a generated fluent builder implements so that
/// [`CustomizableOperation`] can send it.
pub trait CustomizableSend: Sized {
    /// The operation's output.
    type Output;
    /// The operation's error enum.
    type Error;

    /// Sends the request; a `Some` override replaces the builder's own.
    fn send_with_config_override(
        self,
        config_override: Option<ConfigBuilder>,
    ) -> BoxFuture<'static, Result<Self::Output, SdkError<Self::Error>>>;
}

/// An operation about to be sent with per-call settings
/// (`fluent_builder.customize()`).
#[derive(Clone, Debug)]
pub struct CustomizableOperation<B> {
    inner: B,
    config_override: Option<ConfigBuilder>,
}

impl<B: CustomizableSend> CustomizableOperation<B> {
    /// Wraps a fluent builder; generated `customize()` methods call this.
    pub fn new(inner: B) -> Self {
        CustomizableOperation {
            inner,
            config_override: None,
        }
    }

    /// Settings for this call only: what is set on `config_override`
    /// (region, endpoint URL, credentials, timeouts, retries, …) replaces the
    /// client's; everything else stays. The last override given wins, this
    /// one over the fluent builder's own.
    pub fn config_override(mut self, config_override: impl Into<ConfigBuilder>) -> Self {
        self.config_override = Some(config_override.into());
        self
    }

    /// Sends the request.
    pub async fn send(self) -> Result<B::Output, SdkError<B::Error>> {
        self.inner
            .send_with_config_override(self.config_override)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    /// Stands in for a generated fluent builder: answers with the region
    /// of the override it was sent with.
    struct Builder(Option<ConfigBuilder>);

    impl CustomizableSend for Builder {
        type Output = Option<String>;
        type Error = std::convert::Infallible;

        fn send_with_config_override(
            self,
            config_override: Option<ConfigBuilder>,
        ) -> BoxFuture<'static, Result<Self::Output, SdkError<Self::Error>>> {
            let chosen = config_override.or(self.0);
            let region = chosen.map(|b| b.build().region().map(str::to_string));
            Box::pin(async move { Ok(region.flatten()) })
        }
    }

    #[tokio::test]
    async fn the_last_override_wins() {
        let own = || Some(Config::builder().region("own"));
        let op = CustomizableOperation::new(Builder(own()));
        assert_eq!(op.send().await.unwrap().as_deref(), Some("own"));
        let op = CustomizableOperation::new(Builder(own()))
            .config_override(Config::builder().region("first"))
            .config_override(Config::builder().region("second"));
        assert_eq!(op.send().await.unwrap().as_deref(), Some("second"));
        // A whole Config converts into an override.
        let config = Config::builder().region("from-config").build();
        let op = CustomizableOperation::new(Builder(None)).config_override(config);
        assert_eq!(op.send().await.unwrap().as_deref(), Some("from-config"));
    }
}
