//! Argument parsing (clap, compiled into the `apigen` binary only: the
//! library build scripts use has no `cli` feature) and the subcommands.
//! Exit codes: 0 success, 1 the input has errors, 2 the command line is wrong.

use crate::load::{LoadOptions, Loaded};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};

const ABOUT: &str = "Generate Rust crates from Smithy models and OpenAPI documents";

const AFTER_HELP: &str = "\
With no inputs, generate and check work on the bundled ECR crate: specs/ecr/ into
generated/ (module files). With --out, generate writes a standalone crate
(Cargo.toml and src/) that depends on apigen-runtime.

Exit codes: 0 success, 1 the input has errors (diff: a change reaches --fail-on),
2 the command line is wrong (diff: a side does not load).";

#[derive(Parser, Debug)]
#[command(name = "apigen", version, about = ABOUT, after_help = AFTER_HELP, arg_required_else_help = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Spec inputs, repeatable; with none, the bundled specs/ecr/ are loaded.
#[derive(ClapArgs, Debug, Clone, Default)]
struct Inputs {
    /// A Swagger 2.0 or OpenAPI 3.0/3.1 document (YAML or JSON)
    #[arg(long = "swagger", visible_alias = "openapi", value_name = "FILE")]
    swagger: Vec<PathBuf>,
    /// A Smithy IDL (.smithy) or JSON AST (.json) file, or a directory of them
    #[arg(long = "model", value_name = "FILE_OR_DIR")]
    model: Vec<PathBuf>,
}

#[derive(ClapArgs, Debug, Clone, Default)]
struct LoadFlags {
    /// Treat warnings as errors
    #[arg(long)]
    strict: bool,
    /// Traits without a definition are warnings, not errors
    #[arg(long)]
    allow_unknown_traits: bool,
}

#[derive(ClapArgs, Debug, Clone, Default)]
struct GenerateArgs {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    load: LoadFlags,
    /// Where generate writes (check compares) the crate
    #[arg(long, short = 'o', value_name = "DIR")]
    out: Option<PathBuf>,
    /// Package name of a standalone crate
    #[arg(long, value_name = "NAME")]
    crate_name: Option<String>,
    /// Parts to generate: types, client, server (default types,client; server
    /// needs client, and is behind the crate's `server` feature)
    #[arg(long, value_name = "LIST")]
    features: Option<String>,
    /// Keep only these operations and the shapes they reach
    #[arg(long, value_name = "A,B,...")]
    operations: Option<String>,
    /// The service to generate when the model has several
    #[arg(long, value_name = "ID")]
    service: Option<String>,
    /// Path dependency on apigen-runtime for a standalone crate
    #[arg(long, value_name = "DIR")]
    runtime_path: Option<PathBuf>,
    /// Registry dependency on apigen-runtime instead
    #[arg(long, value_name = "V")]
    runtime_version: Option<String>,
    /// Overwrite files apigen did not write or that were edited
    #[arg(long)]
    force: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum InspectFormat {
    Text,
    Json,
}

#[derive(ClapArgs, Debug, Clone)]
struct InspectArgs {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    load: LoadFlags,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    format: InspectFormat,
    /// Write to FILE instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ConvertTarget {
    SmithyJson,
}

#[derive(ClapArgs, Debug, Clone)]
struct ConvertArgs {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    load: LoadFlags,
    /// Target format
    #[arg(long, value_enum)]
    to: ConvertTarget,
    /// Write to FILE instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(ClapArgs, Debug, Clone)]
struct ConformanceArgs {
    /// A Smithy model with protocol tests (file or directory; repeatable)
    #[arg(long = "model", value_name = "FILE_OR_DIR")]
    model: Vec<PathBuf>,
    #[command(flatten)]
    load: LoadFlags,
    /// The service whose protocol tests run
    #[arg(long, value_name = "ID")]
    service: Option<String>,
    /// Where the test crate is written
    #[arg(long, short = 'o', value_name = "DIR")]
    out: Option<PathBuf>,
    /// Failures that are understood (`test_name reason` lines); any other
    /// failure, or a listed one that passes, fails the run
    #[arg(long, value_name = "FILE")]
    known_failures: Option<PathBuf>,
    /// Path dependency on apigen-runtime
    #[arg(long, value_name = "DIR")]
    runtime_path: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum DiffFormat {
    Text,
    Json,
    Markdown,
    Github,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FailOnArg {
    /// A change breaking old clients or old servers on the wire (default)
    Breaking,
    /// Breaking or dangerous on the wire
    Dangerous,
    /// A major version of the generated crate
    Major,
    /// A minor (or major) version of the generated crate
    Minor,
    /// Any change at all
    Any,
    /// Report only
    Never,
}

#[derive(ClapArgs, Debug, Clone)]
#[command(after_help = "\
Without --base, name both sides: --old-model/--old-swagger and --new-model/--new-swagger.
With --base REV, the new side is --new-*, else --model/--swagger, else the bundled
specs/ecr; the old side is the same paths at REV, read with git (no checkout).

Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 usage error or a side
that does not load (its diagnostics are printed).")]
struct DiffArgs {
    /// Old side: a Swagger 2.0 / OpenAPI 3.x document
    #[arg(
        long = "old-swagger",
        visible_alias = "old-openapi",
        value_name = "FILE"
    )]
    old_swagger: Vec<PathBuf>,
    /// Old side: a Smithy IDL / JSON AST file or directory
    #[arg(long = "old-model", value_name = "FILE_OR_DIR")]
    old_model: Vec<PathBuf>,
    /// New side: a Swagger 2.0 / OpenAPI 3.x document
    #[arg(
        long = "new-swagger",
        visible_alias = "new-openapi",
        value_name = "FILE"
    )]
    new_swagger: Vec<PathBuf>,
    /// New side: a Smithy IDL / JSON AST file or directory
    #[arg(long = "new-model", value_name = "FILE_OR_DIR")]
    new_model: Vec<PathBuf>,
    /// Compare with the same inputs at this git revision
    #[arg(long, value_name = "REV", conflicts_with_all = ["old_swagger", "old_model"])]
    base: Option<String>,
    /// With --base: the inputs of the new side
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    load: LoadFlags,
    /// Output format: text for people, json (codegen/diff-schema.json),
    /// markdown for a pull-request comment, github for workflow annotations
    #[arg(long, value_enum, default_value = "text")]
    format: DiffFormat,
    /// Exit 1 when a change reaches this level
    #[arg(long, value_enum, default_value = "breaking")]
    fail_on: FailOnArg,
    /// Write the report to FILE instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Generate a crate (or the bundled generated/ with no inputs)
    Generate(GenerateArgs),
    /// Check that generated code is what the specs produce
    Check(GenerateArgs),
    /// Print what a model contains
    Inspect(InspectArgs),
    /// Convert the inputs to another format
    Convert(ConvertArgs),
    /// Run a model's protocol tests against generated clients and servers
    Conformance(ConformanceArgs),
    /// What a spec change breaks on the wire and what it does to the generated crate's semver
    Diff(DiffArgs),
}

/// Parsed command line, as the subcommands read it.
#[derive(Debug, Default)]
struct Args {
    load: LoadOptions,
    out: Option<PathBuf>,
    crate_name: Option<String>,
    features: Option<String>,
    operations: Option<String>,
    service: Option<String>,
    runtime_path: Option<PathBuf>,
    runtime_version: Option<String>,
    force: bool,
    default_inputs: bool,
}

fn load_options(inputs: &Inputs, flags: &LoadFlags) -> LoadOptions {
    LoadOptions {
        swagger: inputs.swagger.clone(),
        models: inputs.model.clone(),
        strict: flags.strict,
        allow_unknown_traits: flags.allow_unknown_traits,
    }
}

/// Fills in the bundled specs when no input is named; true when it did.
fn default_inputs(load: &mut LoadOptions) -> bool {
    if !load.swagger.is_empty() || !load.models.is_empty() {
        return false;
    }
    let dir = bundled_specs_dir();
    load.models.push(dir.clone());
    let swagger = dir.join("ecr-swagger.yaml");
    if swagger.exists() {
        load.swagger.push(swagger);
    }
    true
}

/// Runs the CLI with arguments (without the program name).
pub fn run(argv: &[String]) -> ExitCode {
    let cli = match Cli::try_parse_from(
        std::iter::once("apigen".to_string()).chain(argv.iter().cloned()),
    ) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                // --help and --version
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Generate(g) => generate(&generate_args(g), false),
        Command::Check(g) => generate(&generate_args(g), true),
        Command::Inspect(i) => {
            let mut load = load_options(&i.inputs, &i.load);
            default_inputs(&mut load);
            inspect(&load, i.format, i.out.as_deref())
        }
        Command::Convert(c) => {
            let mut load = load_options(&c.inputs, &c.load);
            default_inputs(&mut load);
            convert(&load, c.to, c.out.as_deref())
        }
        Command::Conformance(c) if c.model.is_empty() => {
            usage_error("conformance needs --model: a Smithy model with protocol tests")
        }
        Command::Conformance(c) => crate::conformance::run(&crate::conformance::Options {
            load: LoadOptions {
                swagger: Vec::new(),
                models: c.model,
                strict: c.load.strict,
                allow_unknown_traits: c.load.allow_unknown_traits,
            },
            service: c.service,
            out: c.out,
            known_failures: c.known_failures,
            runtime_path: c.runtime_path,
        }),
        Command::Diff(d) => diff(d),
    }
}

fn generate_args(g: GenerateArgs) -> Args {
    let mut load = load_options(&g.inputs, &g.load);
    let default_inputs = default_inputs(&mut load);
    Args {
        load,
        out: g.out,
        crate_name: g.crate_name,
        features: g.features,
        operations: g.operations,
        service: g.service,
        runtime_path: g.runtime_path,
        runtime_version: g.runtime_version,
        force: g.force,
        default_inputs,
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}\n\nFor more information, try '--help'.");
    ExitCode::from(2)
}

/// `./specs/ecr` when run from a checkout, else the one this binary was built from.
pub fn bundled_specs_dir() -> PathBuf {
    let local = Path::new("specs/ecr");
    if local.is_dir() {
        return local.to_path_buf();
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/ecr")
}

/// `generate` and `check`.
fn generate(args: &Args, check: bool) -> ExitCode {
    let mut config = crate::generate::Config::new();
    for s in &args.load.swagger {
        config.swagger(s);
    }
    for m in &args.load.models {
        config.model(m);
    }
    config
        .strict(args.load.strict)
        .allow_unknown_traits(args.load.allow_unknown_traits)
        .force(args.force);
    match (&args.out, args.default_inputs) {
        (Some(out), _) => {
            config.out_dir(out).layout(crate::generate::Layout::Crate);
        }
        (None, true) => {
            let specs = bundled_specs_dir();
            let root = specs
                .parent()
                .and_then(Path::parent)
                .unwrap_or(Path::new("."));
            // The bundled ECR crate carries the server, behind its `server` feature.
            config
                .out_dir(root.join("generated"))
                .features(crate::emit::Features::ALL);
        }
        (None, false) => return usage_error("generate needs --out DIR for these inputs"),
    }
    if let Some(name) = &args.crate_name {
        config.crate_name(name);
    }
    if let Some(list) = &args.features {
        match crate::emit::Features::parse(list) {
            Ok(f) => {
                config.features(f);
            }
            Err(e) => return usage_error(&e),
        }
    }
    if let Some(list) = &args.operations {
        config.operations(list.split(',').map(str::trim).filter(|s| !s.is_empty()));
    }
    if let Some(id) = &args.service {
        config.service(id);
    }
    if let Some(p) = &args.runtime_path {
        config.runtime(crate::generate::RuntimeDependency::Path(p.clone()));
    }
    if let Some(v) = &args.runtime_version {
        config.runtime(crate::generate::RuntimeDependency::Version(v.clone()));
    }
    let result = if check {
        config.check()
    } else {
        config.generate()
    };
    match result {
        Ok(report) => {
            for w in &report.warnings {
                eprintln!("{w}");
            }
            print_report(&report, check);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn print_report(report: &crate::generate::Report, check: bool) {
    use crate::generate::Outcome;
    if report.up_to_date {
        println!(
            "service {}: {} operations, {} types",
            report.service, report.operations, report.shapes
        );
        println!(
            "up to date: specs, options and generator are unchanged; 0 written, {} unchanged in {} ms",
            report.count(Outcome::Unchanged),
            report.elapsed.as_millis()
        );
        return;
    }
    println!(
        "service {}: {} operations, {} types",
        report.service, report.operations, report.shapes
    );
    if check {
        println!(
            "{} files up to date ({} ms)",
            report.count(Outcome::Unchanged),
            report.elapsed.as_millis()
        );
        return;
    }
    for f in &report.files {
        let what = match f.outcome {
            Outcome::Written => "wrote",
            Outcome::Unchanged => continue,
            Outcome::Removed => "removed",
        };
        println!("  {what:9} {}", f.path);
    }
    println!(
        "{} written, {} unchanged, {} removed in {} ms",
        report.count(Outcome::Written),
        report.count(Outcome::Unchanged),
        report.count(Outcome::Removed),
        report.elapsed.as_millis()
    );
}

fn report_failure(loaded: &Loaded) {
    eprintln!("{}", loaded.render_diagnostics());
    let (errors, warnings, _) = crate::load::severity_counts(&loaded.diagnostics);
    eprintln!("error: the input has {errors} error(s) and {warnings} warning(s)");
}

fn inspect(load: &LoadOptions, format: InspectFormat, out: Option<&Path>) -> ExitCode {
    let loaded = crate::load::load(load);
    let text = match format {
        InspectFormat::Text => crate::inspect::to_text(&loaded),
        InspectFormat::Json => {
            let mut s =
                serde_json::to_string_pretty(&crate::inspect::to_json(&loaded)).unwrap_or_default();
            s.push('\n');
            s
        }
    };
    if let Err(code) = emit(out, &text) {
        return code;
    }
    if loaded.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn convert(load: &LoadOptions, to: ConvertTarget, out: Option<&Path>) -> ExitCode {
    let ConvertTarget::SmithyJson = to;
    let loaded = crate::load::load(load);
    if loaded.has_errors() {
        report_failure(&loaded);
        return ExitCode::FAILURE;
    }
    let text = crate::smithy::to_json::to_json_ast_string(&loaded.model);
    match emit(out, &text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

fn label(load: &LoadOptions) -> String {
    load.models
        .iter()
        .chain(&load.swagger)
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `diff`: exit 0 when nothing reaches --fail-on, 1 when something does,
/// 2 for usage errors and for a side that does not load.
fn diff(d: DiffArgs) -> ExitCode {
    use crate::diff::{self, report, FailOn, Semver, Side, Wire};
    let flags = &d.load;
    let side = |swagger: &[PathBuf], models: &[PathBuf]| LoadOptions {
        swagger: swagger.to_vec(),
        models: models.to_vec(),
        strict: flags.strict,
        allow_unknown_traits: flags.allow_unknown_traits,
    };
    let started = std::time::Instant::now();
    let named_new = !d.new_swagger.is_empty() || !d.new_model.is_empty();
    let named_inputs = !d.inputs.swagger.is_empty() || !d.inputs.model.is_empty();
    let (old, new, old_label, new_label) = match &d.base {
        Some(rev) => {
            if named_new && named_inputs {
                return usage_error("with --base, name the new side with --new-* or with --model/--swagger, not both");
            }
            let mut new = if named_new {
                side(&d.new_swagger, &d.new_model)
            } else {
                load_options(&d.inputs, flags)
            };
            default_inputs(&mut new);
            let old = match diff::git::load_at(rev, &new) {
                Ok(l) => l,
                Err(e) => return usage_error(&e),
            };
            let new_loaded = crate::load::load(&new);
            (
                old,
                new_loaded,
                rev.clone(),
                format!("working tree ({})", label(&new)),
            )
        }
        None => {
            if named_inputs {
                return usage_error("diff takes --old-model/--old-swagger and --new-model/--new-swagger (or --base REV with --model/--swagger)");
            }
            if d.old_swagger.is_empty() && d.old_model.is_empty() || !named_new {
                return usage_error("diff needs both sides: --old-model/--old-swagger and --new-model/--new-swagger, or --base REV");
            }
            let (o, n) = (
                side(&d.old_swagger, &d.old_model),
                side(&d.new_swagger, &d.new_model),
            );
            let (ol, nl) = (label(&o), label(&n));
            let (old, new) = std::thread::scope(|s| {
                let old = s.spawn(|| crate::load::load(&o));
                let new = crate::load::load(&n);
                (
                    old.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                    new,
                )
            });
            (old, new, ol, nl)
        }
    };
    if std::env::var_os("APIGEN_DIFF_TIMINGS").is_some() {
        eprintln!(
            "apigen diff timings: both sides loaded in {:?}",
            started.elapsed()
        );
    }
    let mut failed = false;
    for (name, l, loaded) in [("old", &old_label, &old), ("new", &new_label, &new)] {
        if loaded.has_errors() {
            eprintln!("{}", loaded.render_diagnostics());
            let (errors, warnings, _) = crate::load::severity_counts(&loaded.diagnostics);
            eprintln!("error: the {name} side ({l}) does not load: {errors} error(s), {warnings} warning(s); nothing was compared");
            failed = true;
        }
    }
    if failed {
        return ExitCode::from(2);
    }
    let report = diff::diff(
        &Side {
            label: old_label,
            loaded: &old,
        },
        &Side {
            label: new_label,
            loaded: &new,
        },
    );
    let (fail_on, name) = match d.fail_on {
        FailOnArg::Breaking => (FailOn::Wire(Wire::Breaking), "breaking"),
        FailOnArg::Dangerous => (FailOn::Wire(Wire::Dangerous), "dangerous"),
        FailOnArg::Major => (FailOn::Semver(Semver::Major), "major"),
        FailOnArg::Minor => (FailOn::Semver(Semver::Minor), "minor"),
        FailOnArg::Any => (FailOn::Any, "any"),
        FailOnArg::Never => (FailOn::Never, "never"),
    };
    let format = match d.format {
        DiffFormat::Text => report::Format::Text,
        DiffFormat::Json => report::Format::Json,
        DiffFormat::Markdown => report::Format::Markdown,
        DiffFormat::Github => report::Format::Github,
    };
    let text = report::render(&report, format, fail_on, name);
    if emit(d.out.as_deref(), &text).is_err() {
        return ExitCode::from(2);
    }
    if report.changes.iter().any(|c| fail_on.reached_by(c)) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes to a file (atomically: temporary file, then rename) or to stdout.
fn emit(out: Option<&Path>, text: &str) -> Result<(), ExitCode> {
    match out {
        Some(path) => crate::fsutil::write_atomic(path, text.as_bytes()).map_err(|e| {
            eprintln!("error: cannot write {}: {e}", path.display());
            ExitCode::FAILURE
        }),
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`apigen inspect | head`) is not an error worth a panic.
            let _ = stdout.write_all(text.as_bytes());
            Ok(())
        }
    }
}
