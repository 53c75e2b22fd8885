//! `--base REV`: the same inputs read at a git revision, through `git show`
//! and `git ls-tree` (no checkout, the work tree is untouched). A directory
//! is read recursively, taking the `.smithy` and `.json` files as the
//! loader does on disk.

use crate::load::{Input, LoadOptions, Loaded};
use std::path::{Path, PathBuf};
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}

fn git_text(dir: &Path, args: &[&str]) -> Result<String, String> {
    git(dir, args).map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// A path relative to the repository's top level, with `/` separators.
fn repo_relative(top: &Path, path: &Path) -> Result<String, String> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| format!("cannot read the current directory: {e}"))?
            .join(path)
    };
    // Canonical where it exists (symlinks, `..`); a path removed from the
    // work tree is still looked up at the revision.
    let abs = abs.canonicalize().unwrap_or(abs);
    let top = top.canonicalize().unwrap_or(top.to_path_buf());
    let rel = abs.strip_prefix(&top).map_err(|_| {
        format!(
            "{} is outside the git repository at {}",
            path.display(),
            top.display()
        )
    })?;
    Ok(rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/"))
}

/// Loads the inputs of `options` as they are at `rev`. `Err` is a usage
/// problem (no repository, unknown revision, a path missing at it); spec
/// problems are diagnostics of the returned side, as for files on disk.
pub fn load_at(rev: &str, options: &LoadOptions) -> Result<Loaded, String> {
    let cwd = PathBuf::from(".");
    let top = git_text(&cwd, &["rev-parse", "--show-toplevel"])
        .map_err(|e| format!("--base needs a git repository: {e}"))?;
    let top = PathBuf::from(top.trim());
    let commit = git_text(&top, &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])
        .map_err(|_| {
            let shallow = git_text(&top, &["rev-parse", "--is-shallow-repository"])
                .map(|s| s.trim() == "true")
                .unwrap_or(false);
            if shallow {
                format!(
                    "revision {rev} is not in this clone, which is shallow: fetch more history (`git fetch --deepen=1`, or `fetch-depth: 0` for actions/checkout)"
                )
            } else {
                format!("revision {rev} is not in this repository")
            }
        })?;
    let commit = commit.trim().to_string();
    let mut input = Input::new();
    input.allow_unknown_traits(options.allow_unknown_traits);
    let read = |rel: &str| -> Result<String, String> {
        git(&top, &["cat-file", "blob", &format!("{commit}:{rel}")])
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .map_err(|e| format!("cannot read {rel} at {rev}: {e}"))
    };
    let kind = |rel: &str| -> Result<String, String> {
        git_text(&top, &["cat-file", "-t", &format!("{commit}:{rel}")])
            .map(|k| k.trim().to_string())
            .map_err(|_| format!("{rel} does not exist at revision {rev}"))
    };
    let shown = |rel: &str| PathBuf::from(format!("{rev}:{rel}"));
    for path in &options.models {
        let rel = repo_relative(&top, path)?;
        if kind(&rel)? == "tree" {
            let list = git_text(
                &top,
                &[
                    "ls-tree",
                    "-r",
                    "--name-only",
                    &commit,
                    "--",
                    &format!("{rel}/"),
                ],
            )
            .map_err(|e| format!("cannot list {rel} at {rev}: {e}"))?;
            let mut files: Vec<&str> = list
                .lines()
                .filter(|f| f.ends_with(".smithy") || f.ends_with(".json"))
                .collect();
            files.sort_unstable();
            if files.is_empty() {
                return Err(format!(
                    "{rel} holds no .smithy or .json model files at revision {rev}"
                ));
            }
            for f in files {
                input.add_model(shown(f), read(f)?);
            }
        } else {
            input.add_model(shown(&rel), read(&rel)?);
        }
    }
    for path in &options.swagger {
        let rel = repo_relative(&top, path)?;
        kind(&rel)?;
        input.add_openapi(shown(&rel), read(&rel)?);
    }
    Ok(input.finish(options.strict))
}
