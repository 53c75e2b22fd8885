//! Emitters: from the semantic model to the files of a Rust crate.
//!
//! [`plan::CratePlan`] decides what exists (which shapes become which Rust
//! items, under which names); the item emitters (`types`, `errors`,
//! `operations`, `client`, `crate_root`) turn that plan into token streams
//! with `quote!`; [`format`] renders them with `prettyplease`. The wire
//! format is the business of one module per protocol under `protocol/`.

mod client;
mod crate_root;
pub mod docs;
mod endpoints;
mod enums;
mod errors;
pub mod feature_groups;
mod format;
mod lazy_codegen;
mod operations;
pub mod plan;
pub mod protocol;
pub mod protocol_tests;
pub(crate) mod rust_types;
pub(crate) mod server;
mod setters;
mod shared_types;
mod types;
mod validation;
pub mod waiters;

use crate::diag::Diagnostics;
use crate::model::{Model, ShapeId};
pub use plan::{CratePlan, Features};

/// One file of the generated crate, relative to its source root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct EmitOptions {
    /// The service to generate; `None` picks the model's only user service.
    pub service: Option<ShapeId>,
    pub features: Features,
    /// Keep only these operations (by name) and the shapes they reach.
    pub operations: Option<Vec<String>>,
    /// Path of the crate's root module inside the crate, e.g. `generated` or `src`,
    /// used in doc examples only.
    pub crate_name: String,
    /// Check the waiters (and report the ones that cannot be generated) even
    /// when no client is generated, as `apigen check-waiters` and tests do.
    pub check_waiters: bool,
    /// Give a standalone crate a Cargo feature per operation group
    /// ([`feature_groups`]); never for modules embedded in another crate,
    /// whose features are not the generated code's.
    pub feature_groups: bool,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            service: None,
            features: Features::default(),
            operations: None,
            crate_name: "generated".into(),
            check_waiters: false,
            feature_groups: false,
        }
    }
}

/// One file to generate; files are independent, so they render in parallel.
enum Job<'p, 'm> {
    Type(&'p plan::TypePlan),
    TypeModules,
    CrateError,
    Operation(&'p plan::OperationPlan<'m>),
    OperationModule,
    Client,
    EndpointTests,
    Waiter(&'p waiters::WaiterPlan),
    WaiterModule,
    Server,
    ProtocolTests,
    Root,
}

impl Job<'_, '_> {
    fn run(&self, plan: &CratePlan) -> Vec<(String, proc_macro2::TokenStream)> {
        match self {
            Job::Type(t) => types::type_file(plan, t).into_iter().collect(),
            Job::TypeModules => types::module_files(plan),
            Job::CrateError => errors::emit(plan),
            Job::Operation(op) => vec![operations::operation_file(plan, op)],
            Job::OperationModule => vec![operations::module_file(plan)],
            Job::Client => vec![("client.rs".into(), client::emit(plan))],
            Job::EndpointTests => endpoints::tests_file(plan).into_iter().collect(),
            Job::Waiter(w) => vec![waiters::waiter_file(plan, w)],
            Job::WaiterModule => vec![waiters::module_file(plan)],
            Job::Server => server::emit(plan).into_iter().collect(),
            Job::ProtocolTests => protocol_tests::tests_file(plan).into_iter().collect(),
            Job::Root => vec![("lib.rs".into(), crate_root::emit(plan))],
        }
    }
}

/// Generates the Rust source files for one service. Problems that stop
/// generation (no service, an unsupported protocol) are diagnostics.
/// What one generation produced: the files, and a summary for reports.
#[derive(Clone, Debug)]
pub struct Emitted {
    pub files: Vec<GeneratedFile>,
    /// The generated service's shape id.
    pub service: String,
    pub operations: usize,
    /// Named Rust types (structures, unions, enums, errors).
    pub types: usize,
    /// Waiters generated (`wait_until_*`).
    pub waiters: usize,
    /// The crate's operation-group features (see [`feature_groups`]).
    pub feature_groups: Vec<String>,
}

pub fn emit(model: &Model, options: &EmitOptions, diags: &mut Diagnostics) -> Option<Emitted> {
    let plan = CratePlan::new(model, options, diags)?;
    endpoints::check_context_params(&plan, diags);
    // The module listing every type is the largest file: first, so it is
    // not the one left running alone at the end.
    let mut jobs: Vec<Job> = vec![Job::TypeModules];
    jobs.extend(plan.types.values().map(Job::Type));
    if plan.features.client {
        jobs.push(Job::CrateError);
        jobs.extend(plan.operations.iter().map(Job::Operation));
        jobs.push(Job::OperationModule);
        jobs.push(Job::Client);
        jobs.push(Job::EndpointTests);
        jobs.push(Job::Server);
        jobs.push(Job::ProtocolTests);
        if !plan.waiters.is_empty() {
            jobs.extend(plan.waiters.iter().map(Job::Waiter));
            jobs.push(Job::WaiterModule);
        }
    }
    jobs.push(Job::Root);

    // Token building and formatting dominate generation time and each file
    // is independent: spread them over the machine's cores.
    let rendered = crate::parallel::map_in_order(&jobs, |job| {
        docs::take_table();
        setters::take_table();
        setters::take_imports();
        let files = job.run(&plan);
        let docs = docs::take_table();
        let texts = setters::take_table();
        let imports = setters::take_imports();
        files
            .into_iter()
            .map(|(path, tokens)| GeneratedFile {
                path,
                contents: format::render(tokens, &plan.shadowed, &docs, &texts, &imports),
            })
            .collect::<Vec<_>>()
    });
    let mut files: Vec<GeneratedFile> = rendered.into_iter().flatten().collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Some(Emitted {
        files,
        service: plan.info.id.to_string(),
        operations: plan.operations.len(),
        types: plan.types.values().len(),
        waiters: plan.waiters.len(),
        feature_groups: plan.groups.names.clone(),
    })
}
