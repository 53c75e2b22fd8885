//! Argument parsing and the subcommands of the `apigen` binary. Exit codes:
//! 0 success, 1 the input has errors, 2 the command line is wrong.

use crate::load::{load, LoadOptions, Loaded};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
apigen: generate Rust crates from Smithy models and OpenAPI documents

Usage:
  apigen generate [INPUTS] [--out DIR] [--crate-name NAME] [--features types,client]
                  [--operations A,B,...] [--service ID] [--force] [--strict] [--allow-unknown-traits]
  apigen check    [INPUTS] [--out DIR]
  apigen inspect  [INPUTS] [--format text|json] [--strict] [--allow-unknown-traits]
  apigen convert  [INPUTS] --to smithy-json [--out FILE] [--strict] [--allow-unknown-traits]
  apigen conformance --model DIR [--service ID] [--out DIR] [--known-failures FILE]

With no inputs, generate and check work on the bundled ECR crate: specs/ecr/ into
generated/ (module files). With --out, generate writes a standalone crate
(Cargo.toml and src/) that depends on apigen-runtime.

Inputs (repeatable; with none, the bundled specs/ecr/ are loaded):
  --swagger FILE, --openapi FILE   a Swagger 2.0 or OpenAPI 3.0/3.1 document (YAML or JSON)
  --model FILE_OR_DIR              a Smithy IDL (.smithy) or JSON AST (.json) file, or a
                                   directory of them

Options:
  --out DIR            where generate writes (check compares) the crate
  --crate-name NAME    package name of a standalone crate
  --features LIST      parts to generate: types, client, server (default types,client;
                       server needs client, and is behind the crate's `server` feature)
  --operations LIST    keep only these operations and the shapes they reach
  --service ID         the service to generate when the model has several
  --runtime-path DIR   path dependency on apigen-runtime for a standalone crate
  --runtime-version V  registry dependency on apigen-runtime instead
  --force              overwrite files apigen did not write or that were edited
  --known-failures F   conformance: failures that are understood (`test_name reason` lines);
                       any other failure, or a listed one that passes, fails the run
  --format text|json   inspect output format (default text)
  --to smithy-json     convert target format
  --out FILE           write to FILE instead of standard output
  --strict             treat warnings as errors
  --allow-unknown-traits
                       traits without a definition are warnings, not errors
  -h, --help           show this help
  -V, --version        show the version
";

/// Parsed command line.
#[derive(Debug, Default)]
struct Args {
    command: String,
    load: LoadOptions,
    format: Option<String>,
    to: Option<String>,
    out: Option<PathBuf>,
    crate_name: Option<String>,
    features: Option<String>,
    operations: Option<String>,
    service: Option<String>,
    runtime_path: Option<PathBuf>,
    runtime_version: Option<String>,
    known_failures: Option<PathBuf>,
    force: bool,
    default_inputs: bool,
}

fn parse_args(argv: &[String]) -> Result<Args, String> {
    let mut args = Args::default();
    let mut iter = argv.iter();
    while let Some(arg) = iter.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| iter.next().cloned())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag {
            "--swagger" | "--openapi" => args.load.swagger.push(value(flag)?.into()),
            "--model" => args.load.models.push(value(flag)?.into()),
            "--format" => args.format = Some(value(flag)?),
            "--to" => args.to = Some(value(flag)?),
            "--out" | "-o" => args.out = Some(value(flag)?.into()),
            "--strict" => args.load.strict = true,
            "--allow-unknown-traits" => args.load.allow_unknown_traits = true,
            "--crate-name" => args.crate_name = Some(value(flag)?),
            "--features" => args.features = Some(value(flag)?),
            "--operations" => args.operations = Some(value(flag)?),
            "--service" => args.service = Some(value(flag)?),
            "--runtime-path" => args.runtime_path = Some(value(flag)?.into()),
            "--runtime-version" => args.runtime_version = Some(value(flag)?),
            "--force" => args.force = true,
            "--known-failures" => args.known_failures = Some(value(flag)?.into()),
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s if args.command.is_empty() => args.command = s.to_string(),
            s => return Err(format!("unexpected argument {s}")),
        }
    }
    Ok(args)
}

/// Runs the CLI with arguments (without the program name).
pub fn run(argv: &[String]) -> ExitCode {
    if argv.iter().any(|a| a == "-h" || a == "--help") || argv.is_empty() {
        print!("{USAGE}");
        return if argv.is_empty() {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    if argv.iter().any(|a| a == "-V" || a == "--version") {
        println!("apigen {}", env!("CARGO_PKG_VERSION"));
        return ExitCode::SUCCESS;
    }
    let mut args = match parse_args(argv) {
        Ok(a) => a,
        Err(e) => return usage_error(&e),
    };
    if args.load.swagger.is_empty() && args.load.models.is_empty() {
        args.default_inputs = true;
        let dir = bundled_specs_dir();
        args.load.models.push(dir.clone());
        let swagger = dir.join("ecr-swagger.yaml");
        if swagger.exists() {
            args.load.swagger.push(swagger);
        }
    }
    match args.command.as_str() {
        "generate" => generate(&args, false),
        "check" => generate(&args, true),
        "inspect" => inspect(&args),
        "convert" => convert(&args),
        "conformance" if args.default_inputs => {
            usage_error("conformance needs --model: a Smithy model with protocol tests")
        }
        "conformance" => crate::conformance::run(&crate::conformance::Options {
            load: args.load.clone(),
            service: args.service.clone(),
            out: args.out.clone(),
            known_failures: args.known_failures.clone(),
            runtime_path: args.runtime_path.clone(),
        }),
        other => usage_error(&format!("unknown command \"{other}\"")),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}\n\n{USAGE}");
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

fn inspect(args: &Args) -> ExitCode {
    let loaded = load(&args.load);
    let text = match args.format.as_deref().unwrap_or("text") {
        "text" => crate::inspect::to_text(&loaded),
        "json" => {
            let mut s =
                serde_json::to_string_pretty(&crate::inspect::to_json(&loaded)).unwrap_or_default();
            s.push('\n');
            s
        }
        other => return usage_error(&format!("unknown format \"{other}\" (use text or json)")),
    };
    if let Err(code) = emit(args.out.as_deref(), &text) {
        return code;
    }
    if loaded.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn convert(args: &Args) -> ExitCode {
    match args.to.as_deref() {
        Some("smithy-json") => {}
        Some(other) => {
            return usage_error(&format!("cannot convert to \"{other}\" (use smithy-json)"))
        }
        None => return usage_error("convert needs --to smithy-json"),
    }
    let loaded = load(&args.load);
    if loaded.has_errors() {
        report_failure(&loaded);
        return ExitCode::FAILURE;
    }
    let text = crate::smithy::to_json::to_json_ast_string(&loaded.model);
    match emit(args.out.as_deref(), &text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
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
