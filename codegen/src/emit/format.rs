//! Renders token streams as formatted Rust source.

use proc_macro2::TokenStream;

/// Formats generated tokens with prettyplease. Emitters only produce valid
/// items, so a parse failure is a bug in apigen: the raw tokens are returned
/// so the compiler, not a panic, reports it with context.
pub fn render(tokens: TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        Err(e) => format!(
            "compile_error!({:?});\n{tokens}\n",
            format!("apigen emitted invalid Rust: {e}")
        ),
    }
}
