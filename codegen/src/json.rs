//! JSON parser that keeps positions (in progress).
