//! Source files and positions: every diagnostic points back into one of these.

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Index of a file in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(pub u32);

/// A position in a source file. Lines and columns are 1-based; columns count
/// characters, not bytes, so they match what an editor shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub file: FileId,
    pub line: u32,
    pub column: u32,
    /// Byte offset of the position, for slicing the source text.
    pub offset: u32,
}

impl Span {
    pub fn new(file: FileId, line: u32, column: u32, offset: u32) -> Self {
        Span {
            file,
            line,
            column,
            offset,
        }
    }
}

/// One loaded file: its display path and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: Arc<str>,
    /// Byte offsets where lines start, found the first time a diagnostic
    /// quotes a line: hundreds of diagnostics on a 4 MB document would
    /// otherwise each scan the text from its start.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

/// All files that went into a model, in load order.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers a file and returns its id.
    pub fn add(&mut self, path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> FileId {
        let id = FileId(self.files.len() as u32);
        self.files.push(SourceFile {
            path: path.into(),
            text: text.into(),
            line_starts: std::sync::OnceLock::new(),
        });
        id
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    pub fn path(&self, id: FileId) -> &Path {
        self.get(id)
            .map(|f| f.path.as_path())
            .unwrap_or(Path::new("<unknown>"))
    }

    /// The text of line `line` (1-based) of a file, without its line ending.
    pub fn line_text(&self, id: FileId, line: u32) -> Option<&str> {
        let file = self.get(id)?;
        let starts = file.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(file.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let start = *starts.get(line.checked_sub(1)? as usize)?;
        let rest = &file.text[start..];
        let l = rest.split('\n').next().unwrap_or(rest);
        Some(l.strip_suffix('\r').unwrap_or(l))
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }
}

/// Tracks line and column while a scanner walks text, so that every loader
/// computes positions the same way.
#[derive(Clone, Copy, Debug)]
pub struct Cursor {
    pub offset: usize,
    pub line: u32,
    pub column: u32,
}

impl Default for Cursor {
    fn default() -> Self {
        Cursor {
            offset: 0,
            line: 1,
            column: 1,
        }
    }
}

impl Cursor {
    /// Advances over one character.
    pub fn advance(&mut self, c: char) {
        self.offset += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
    }

    pub fn span(&self, file: FileId) -> Span {
        Span::new(file, self.line, self.column, self.offset as u32)
    }
}
