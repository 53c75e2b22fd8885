//! The front of the pipeline: reads files and directories, parses each in
//! its format, adds the built-in prelude and trait libraries, assembles,
//! merges OpenAPI documents in, and validates.

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::merge;
use crate::model::{Model, ShapeId};
use crate::openapi;
use crate::smithy::{assemble, ast::RawFile, builtin, idl, json_ast};
use crate::source::{FileId, SourceMap};
use crate::validate;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What to load. Empty `models` and `swagger` mean nothing; the CLI fills in
/// the bundled ECR specs itself.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Swagger 2.0 / OpenAPI 3.x documents.
    pub swagger: Vec<PathBuf>,
    /// Smithy IDL or JSON AST files, or directories of them.
    pub models: Vec<PathBuf>,
    /// Treat warnings as errors.
    pub strict: bool,
    /// Report traits without a definition as warnings (and keep their
    /// values) instead of errors, like Smithy's `--allow-unknown-traits`.
    pub allow_unknown_traits: bool,
}

/// The result of loading: the merged model (possibly partial when there are
/// errors), every file read, and every diagnostic, sorted.
#[derive(Debug)]
pub struct Loaded {
    pub model: Model,
    pub sources: SourceMap,
    pub diagnostics: Diagnostics,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.has_errors()
    }

    /// All diagnostics rendered with their source lines.
    pub fn render_diagnostics(&self) -> String {
        self.diagnostics
            .iter()
            .map(|d| d.render(&self.sources))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Loads the inputs from disk.
pub fn load(options: &LoadOptions) -> Loaded {
    let mut input = Input::default();
    input.allow_unknown_traits(options.allow_unknown_traits);
    for path in &options.models {
        input.add_model_path(path);
    }
    for path in &options.swagger {
        match std::fs::read_to_string(path) {
            Ok(text) => input.add_openapi(path.clone(), text),
            Err(e) => input.io_error(path, e),
        }
    }
    input.finish(options.strict)
}

/// Inputs gathered in memory before loading; tests and benchmarks use it
/// directly to load text without touching the disk.
#[derive(Default)]
pub struct Input {
    sources: SourceMap,
    diags: Diagnostics,
    models: Vec<FileId>,
    openapi: Vec<FileId>,
    allow_unknown_traits: bool,
}

impl Input {
    pub fn new() -> Self {
        Self::default()
    }

    /// See [`LoadOptions::allow_unknown_traits`].
    pub fn allow_unknown_traits(&mut self, allow: bool) -> &mut Self {
        self.allow_unknown_traits = allow;
        self
    }

    /// Adds a Smithy model file, or every `.smithy`/`.json` file under a directory.
    pub fn add_model_path(&mut self, path: &Path) {
        if path.is_dir() {
            let mut files = Vec::new();
            if let Err(e) = collect_model_files(path, &mut files) {
                return self.io_error(path, e);
            }
            if files.is_empty() {
                self.diags.error(
                    "no-input",
                    None,
                    format!(
                        "{}: the directory holds no .smithy or .json model files",
                        path.display()
                    ),
                );
            }
            for file in files {
                self.add_model_path(&file);
            }
            return;
        }
        match std::fs::read_to_string(path) {
            Ok(text) => self.add_model(path.to_path_buf(), text),
            Err(e) => self.io_error(path, e),
        }
    }

    /// Adds a Smithy model (IDL, or JSON AST when the path ends in `.json`).
    pub fn add_model(&mut self, path: PathBuf, text: String) {
        let id = self.sources.add(path, text);
        self.models.push(id);
    }

    /// Adds a Swagger 2.0 / OpenAPI 3.x document.
    pub fn add_openapi(&mut self, path: PathBuf, text: String) {
        let id = self.sources.add(path, text);
        self.openapi.push(id);
    }

    fn io_error(&mut self, path: &Path, e: std::io::Error) {
        self.diags.push(Diagnostic::error(
            "io",
            None,
            format!("cannot read {}: {e}", path.display()),
        ));
    }

    /// Parses, assembles, merges and validates everything added.
    pub fn finish(mut self, strict: bool) -> Loaded {
        // Built-ins are registered up front so that they parse alongside the
        // user's files (library shapes that user files define themselves are
        // dropped after parsing), and OpenAPI documents load on their own
        // thread meanwhile: for the bundled specs the three take about as
        // long each.
        let builtins: Vec<(&'static builtin::BuiltinFile, FileId)> =
            std::iter::once(&builtin::PRELUDE)
                .chain(builtin::LIBRARIES)
                .map(|lib| (lib, self.sources.add(lib.path, lib.text)))
                .collect();
        let mut to_parse = self.models.clone();
        to_parse.extend(builtins.iter().map(|(_, id)| *id));
        let sources = &self.sources;
        let openapi_ids = &self.openapi;
        let (mut parsed, loaded_documents) = std::thread::scope(|scope| {
            let documents = crate::parallel::spawn(scope, || {
                let mut diags = Diagnostics::new();
                let docs: Vec<_> = openapi_ids
                    .iter()
                    .filter_map(|&id| openapi::load(id, &sources.get(id)?.text, &mut diags))
                    .collect();
                (docs, diags)
            });
            let parsed = parse_models(sources, &to_parse);
            let documents = documents
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            (parsed, documents)
        });
        let parsed_builtins = parsed.split_off(self.models.len());

        let mut raw_files: Vec<RawFile> = Vec::new();
        for (id, parsed, diags) in parsed {
            self.diags.extend(diags);
            let Some(parsed) = parsed else { continue };
            if declared_namespace(&parsed).as_deref() == Some(crate::model::PRELUDE_NAMESPACE) {
                // A copy of the prelude (conformance suites ship one): the
                // built-in prelude already defines it.
                self.diags.note(
                    "prelude-copy",
                    None,
                    format!(
                        "{}: recognised as a copy of the Smithy prelude; the built-in prelude is used",
                        self.sources.path(id).display()
                    ),
                );
                continue;
            }
            raw_files.push(parsed);
        }

        let (documents, document_diags) = loaded_documents;
        self.diags.extend(document_diags);

        // Built-ins: the prelude always (a user copy of it was dropped
        // above); a library shape yields to a user shape with the same id.
        // Per shape rather than per namespace because a namespace can span
        // several built-in files: a suite that ships its own copy of the
        // `smithy.test` protocol-test traits keeps the built-in smoke-test
        // traits, an AWS model that ships no definitions gets both, and a
        // user copy of a library, newer or older than apigen's, wins where
        // the two overlap without duplicate-shape errors.
        let user_ids = user_ids_in_builtin_namespaces(&raw_files);
        let mut all_files = Vec::new();
        let mut builtin_files = Vec::new();
        for ((lib, id), (_, parsed, diags)) in builtins.iter().zip(parsed_builtins) {
            builtin_files.push(*id);
            self.diags.extend(diags);
            match parsed {
                Some(mut parsed) => {
                    if lib.namespace != crate::model::PRELUDE_NAMESPACE && !user_ids.is_empty() {
                        parsed.shapes.retain(|shape| {
                            !user_ids.contains(&ShapeId::new(lib.namespace, shape.name.as_str()))
                        });
                    }
                    all_files.push(parsed);
                }
                None => self.diags.error(
                    "builtin",
                    None,
                    format!(
                        "the built-in {} failed to parse (a bug in apigen)",
                        lib.path
                    ),
                ),
            }
        }
        let has_smithy = !raw_files.is_empty();
        all_files.extend(raw_files);

        let assemble_options = assemble::Options {
            allow_unknown_traits: self.allow_unknown_traits,
        };
        let mut model =
            assemble::assemble_with(&all_files, &self.sources, &mut self.diags, assemble_options);
        if has_smithy {
            merge::merge_documents(&mut model, &documents, &mut self.diags);
        } else {
            merge::adopt_documents(&mut model, documents, &mut self.diags);
        }
        if self.models.is_empty() && self.openapi.is_empty() && self.diags.is_empty() {
            self.diags
                .error("no-input", None, "no input files were given");
        }
        validate::validate(&model, &mut self.diags, &builtin_files);
        if strict {
            self.diags.promote_warnings();
        }
        self.diags.sort();
        Loaded {
            model,
            sources: self.sources,
            diagnostics: self.diags,
        }
    }
}

/// Parses model files (IDL or JSON AST), spread over the machine's cores:
/// files are independent, and a suite of sixty files spent most of its
/// load time here. Results come back in input order with each file's own
/// diagnostics, so the outcome does not depend on the scheduling.
/// One model file parsed: its id, the file if it parsed, its diagnostics.
type ParsedModel = (FileId, Option<RawFile>, Diagnostics);

fn parse_models(sources: &SourceMap, ids: &[FileId]) -> Vec<ParsedModel> {
    let parse_one = |id: FileId| {
        let mut diags = Diagnostics::new();
        let parsed = sources.get(id).and_then(|file| {
            if file.path.extension().is_some_and(|e| e == "json") {
                json_ast::parse(id, &file.text, &mut diags)
            } else {
                idl::parse(id, &file.text, &mut diags)
            }
        });
        (id, parsed, diags)
    };
    crate::parallel::map_in_order(ids, |&id| parse_one(id))
}

/// Ids of the shapes user files define in namespaces apigen has built-in
/// libraries for (usually none: only suites that ship their own copies).
fn user_ids_in_builtin_namespaces(files: &[RawFile]) -> HashSet<ShapeId> {
    let mut ids = HashSet::new();
    for file in files {
        match &file.namespace {
            Some(ns) if builtin::is_builtin_namespace(ns) => ids.extend(
                file.shapes
                    .iter()
                    .map(|shape| ShapeId::new(ns.as_str(), shape.name.as_str())),
            ),
            Some(_) => {}
            // A JSON AST: every name is absolute.
            None => ids.extend(
                file.shapes
                    .iter()
                    .filter(|shape| {
                        shape
                            .name
                            .split_once('#')
                            .is_some_and(|(ns, _)| builtin::is_builtin_namespace(ns))
                    })
                    .filter_map(|shape| ShapeId::parse(&shape.name)),
            ),
        }
    }
    ids
}

/// The namespace a file defines shapes in: its `namespace` statement, or for
/// a JSON AST the namespace shared by all its shapes.
fn declared_namespace(file: &RawFile) -> Option<String> {
    if let Some(ns) = &file.namespace {
        return Some(ns.clone());
    }
    let mut namespaces = file
        .shapes
        .iter()
        .filter_map(|s| s.name.split_once('#').map(|(ns, _)| ns.to_string()));
    let first = namespaces.next()?;
    namespaces.all(|ns| ns == first).then_some(first)
}

/// Model files under a directory, sorted so the load order never depends on
/// the file system.
pub(crate) fn collect_model_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_model_files(&path, out)?;
        } else if path
            .extension()
            .is_some_and(|e| e == "smithy" || e == "json")
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Counts of diagnostics by severity, for summaries.
pub fn severity_counts(diags: &Diagnostics) -> (usize, usize, usize) {
    (
        diags.count(Severity::Error),
        diags.count(Severity::Warning),
        diags.count(Severity::Note),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An operation applying a protocol test and a smoke test.
    const USES_BOTH: &str = r#"$version: "2.0"
namespace example.both

use aws.protocols#awsJson1_1

@awsJson1_1
service Both {
    version: "1"
    operations: [Ping]
}

@smithy.test#httpRequestTests([
    { id: "Ping", protocol: awsJson1_1, method: "POST", uri: "/" }
])
@smithy.test#smokeTests([
    { id: "PingWorks", params: {}, expect: { success: {} } }
])
operation Ping {}
"#;

    fn load_texts(files: &[(&str, &str)]) -> Loaded {
        let mut input = Input::new();
        for (path, text) in files {
            input.add_model(PathBuf::from(path), text.to_string());
        }
        input.finish(false)
    }

    fn defined_in(loaded: &Loaded, id: &str) -> String {
        let shape = loaded
            .model
            .shape(&ShapeId::parse(id).unwrap())
            .unwrap_or_else(|| panic!("{id} is not defined"));
        loaded.sources.path(shape.span.file).display().to_string()
    }

    /// Deep nesting, as far as the YAML parser allows, loads on the
    /// worker threads' stacks (2 MiB, the default, overflowed at about 70
    /// nested schemas in a debug build: an abort, not a diagnostic).
    #[test]
    fn deeply_nested_schemas_load_without_overflowing_a_stack() {
        let depth = 120;
        let schema = format!(
            "{}{{type: string}}{}",
            "{type: array, items: ".repeat(depth),
            "}".repeat(depth)
        );
        let doc = format!(
            "openapi: 3.0.3\ninfo: {{title: Deep, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    Deep: {schema}\n"
        );
        let mut input = Input::new();
        input.add_openapi(PathBuf::from("deep.yaml"), doc);
        let loaded = input.finish(false);
        assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
        let deep = ShapeId::parse("deep#Deep").unwrap();
        assert!(loaded.model.shape(&deep).is_some());
    }

    #[test]
    fn a_model_without_definitions_gets_both_smithy_test_libraries() {
        let loaded = load_texts(&[("both.smithy", USES_BOTH)]);
        assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
        assert_eq!(
            defined_in(&loaded, "smithy.test#httpRequestTests"),
            "<builtin>/smithy.test-protocol.smithy"
        );
        assert_eq!(
            defined_in(&loaded, "smithy.test#smokeTests"),
            "<builtin>/smithy.test-smoke.smithy"
        );
    }

    #[test]
    fn a_user_copy_of_the_protocol_test_traits_replaces_only_those() {
        // The conformance suites' copy: the protocol-test traits alone.
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/conformance/smithy/traits/smithy.test.smithy"
        );
        let copy =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
        let loaded = load_texts(&[("both.smithy", USES_BOTH), ("copy.smithy", &copy)]);
        assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
        for id in [
            "smithy.test#httpRequestTests",
            "smithy.test#HttpRequestTestCase",
            "smithy.test#HttpRequestMixin",
            "smithy.test#NonEmptyStringList",
        ] {
            assert_eq!(defined_in(&loaded, id), "copy.smithy", "{id}");
        }
        for id in ["smithy.test#smokeTests", "smithy.test#SmokeTestCase"] {
            assert_eq!(
                defined_in(&loaded, id),
                "<builtin>/smithy.test-smoke.smithy",
                "{id}"
            );
        }
    }

    #[test]
    fn a_json_ast_shape_replaces_the_built_in_one_with_its_id() {
        // An older, smaller definition of one library trait.
        let json = r#"{
            "smithy": "2.0",
            "shapes": {
                "aws.iam#iamAction": {
                    "type": "structure",
                    "members": { "name": { "target": "smithy.api#String" } },
                    "traits": { "smithy.api#trait": { "selector": "operation" } }
                }
            }
        }"#;
        let loaded = load_texts(&[("iam.json", json)]);
        assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
        assert_eq!(defined_in(&loaded, "aws.iam#iamAction"), "iam.json");
        let shape = loaded
            .model
            .shape(&ShapeId::parse("aws.iam#iamAction").unwrap())
            .unwrap();
        assert_eq!(shape.members.len(), 1);
        // The rest of the library is still there.
        assert_eq!(
            defined_in(&loaded, "aws.iam#iamResource"),
            "<builtin>/aws.iam.smithy"
        );
    }
}
