//! Paginators: a `Stream` of pages that follows a service's next-page token,
//! and a `Stream` of the items on those pages.

use crate::SdkError;
use futures_core::Stream;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

type PageFuture<O, E> = Pin<Box<dyn Future<Output = Result<O, SdkError<E>>> + Send>>;
type Fetch<O, E, K> = Box<dyn FnMut(Option<K>) -> PageFuture<O, E> + Send>;

/// A next-page token: a string for most services, a map (DynamoDB's
/// `LastEvaluatedKey`) for some. An empty token ends the pages.
pub trait PageToken: Clone + PartialEq + Send + 'static {
    /// Whether the token is empty (no next page).
    fn is_empty_token(&self) -> bool;
}

impl PageToken for String {
    fn is_empty_token(&self) -> bool {
        self.is_empty()
    }
}

impl<K, V> PageToken for std::collections::HashMap<K, V>
where
    K: Clone + Eq + std::hash::Hash + Send + 'static,
    V: Clone + PartialEq + Send + 'static,
{
    fn is_empty_token(&self) -> bool {
        self.is_empty()
    }
}

/// A stream of pages. It stops after a page without a next token, after a
/// page whose token repeats the one just sent (a service bug that would loop
/// forever), and after the first error.
pub struct PageStream<O, E, T, K = String> {
    fetch: Option<Fetch<O, E, K>>,
    next_token: fn(&O) -> Option<K>,
    items: fn(O) -> Vec<T>,
    in_flight: Option<PageFuture<O, E>>,
    sent_token: Option<K>,
    pending_error: Option<SdkError<E>>,
    done: bool,
}

impl<O, E, T, K: PageToken> PageStream<O, E, T, K> {
    /// A stream that calls `fetch(token)` for each page; `None` asks for the first.
    pub fn new(
        fetch: impl FnMut(Option<K>) -> PageFuture<O, E> + Send + 'static,
        next_token: fn(&O) -> Option<K>,
        items: fn(O) -> Vec<T>,
    ) -> Self {
        PageStream {
            fetch: Some(Box::new(fetch)),
            next_token,
            items,
            in_flight: None,
            sent_token: None,
            pending_error: None,
            done: false,
        }
    }

    /// A stream that yields one error (the request could not be built).
    pub fn failed(error: SdkError<E>) -> Self {
        PageStream {
            fetch: None,
            next_token: |_| None,
            items: |_| Vec::new(),
            in_flight: None,
            sent_token: None,
            pending_error: Some(error),
            done: false,
        }
    }

    /// A stream of the items of every page.
    pub fn items(self) -> ItemStream<O, E, T, K> {
        ItemStream {
            pages: self,
            buffered: VecDeque::new(),
        }
    }
}

impl<O, E, T, K> Unpin for PageStream<O, E, T, K> {}

impl<O, E, T, K: PageToken> Stream for PageStream<O, E, T, K> {
    type Item = Result<O, SdkError<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if let Some(e) = this.pending_error.take() {
            this.done = true;
            return Poll::Ready(Some(Err(e)));
        }
        if this.done {
            return Poll::Ready(None);
        }
        if this.in_flight.is_none() {
            let Some(fetch) = this.fetch.as_mut() else {
                this.done = true;
                return Poll::Ready(None);
            };
            this.in_flight = Some(fetch(this.sent_token.clone()));
        }
        let Some(fut) = this.in_flight.as_mut() else {
            return Poll::Ready(None);
        };
        match fut.as_mut().poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Err(e)) => {
                this.in_flight = None;
                this.done = true;
                Poll::Ready(Some(Err(e)))
            }
            Poll::Ready(Ok(page)) => {
                this.in_flight = None;
                match (this.next_token)(&page) {
                    Some(token)
                        if !token.is_empty_token() && this.sent_token.as_ref() != Some(&token) =>
                    {
                        this.sent_token = Some(token);
                    }
                    _ => this.done = true,
                }
                Poll::Ready(Some(Ok(page)))
            }
        }
    }
}

/// A stream of the items on every page of a [`PageStream`].
pub struct ItemStream<O, E, T, K = String> {
    pages: PageStream<O, E, T, K>,
    buffered: VecDeque<T>,
}

impl<O, E, T, K> Unpin for ItemStream<O, E, T, K> {}

impl<O, E, T, K: PageToken> Stream for ItemStream<O, E, T, K> {
    type Item = Result<T, SdkError<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if let Some(item) = this.buffered.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(Some(Ok(page))) => {
                    let items = (this.pages.items)(page);
                    this.buffered.extend(items);
                }
            }
        }
    }
}
