//! Assembles raw files into a model (in progress).
