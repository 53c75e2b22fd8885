//! Endpoint rules in the generated crate: the parameters an operation sets
//! for its own calls (`staticContextParams`, `contextParam` members), and
//! the model's `smithy.rules#endpointTests` cases as `#[test]`s, run
//! against the client's own resolution (config in, URL or error out).

use super::plan::{CratePlan, OperationPlan};
use super::rust_types::{field_ident, field_type};
use crate::model::{ShapeId, ShapeKind};
use crate::node::{Node, Value};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

fn rules_id(name: &str) -> ShapeId {
    ShapeId::new("smithy.rules", name)
}

/// Whether the service carries a rule set (only then do parameters matter).
fn has_rules(plan: &CratePlan) -> bool {
    plan.service
        .traits
        .contains_key(&rules_id("endpointRuleSet"))
}

/// An expression for the operation's endpoint parameters, a
/// `Vec<(String, Value)>`, or `None` when it sets none.
pub fn operation_params(plan: &CratePlan, op: &OperationPlan) -> Option<TokenStream> {
    if !has_rules(plan) {
        return None;
    }
    let value = quote!(::apigen_runtime::endpoint::Value);
    let mut pushes = Vec::new();
    let mut statics = Vec::new();
    if let Some(entries) = op
        .shape
        .traits
        .get(&rules_id("staticContextParams"))
        .and_then(Node::as_object)
    {
        for (key, param) in entries {
            let name = &key.name;
            let literal = match param.get("value").map(|v| &v.value) {
                Some(Value::String(s)) => quote!(#value::from(#s)),
                Some(Value::Bool(b)) => quote!(#value::from(#b)),
                Some(Value::Array(items)) => {
                    let items: Vec<&str> = items.iter().filter_map(Node::as_str).collect();
                    quote!(#value::from(::std::vec![#(#items),*]))
                }
                _ => continue,
            };
            statics.push(quote!((#name.to_string(), #literal)));
        }
    }
    if let Some(input) = plan.shape(&op.info.input) {
        for m in &input.members {
            let Some(name) = m
                .traits
                .get(&rules_id("contextParam"))
                .and_then(|n| n.get("name"))
                .and_then(Node::as_str)
            else {
                continue;
            };
            let f = field_ident(m);
            let ft = field_type(plan, &input.id, m);
            let convert = match plan.shape(&m.target).map(|s| s.kind) {
                Some(ShapeKind::String) => quote!(#value::from(v.clone())),
                Some(ShapeKind::Enum) => quote!(#value::from(v.as_str())),
                Some(ShapeKind::Boolean) => quote!(#value::from(*v)),
                _ => continue,
            };
            pushes.push(if ft.optional {
                quote!(if let ::std::option::Option::Some(v) = &input.#f { params.push((#name.to_string(), #convert)); })
            } else {
                quote!({ let v = &input.#f; params.push((#name.to_string(), #convert)); })
            });
        }
    }
    if let (Some(entries), Some(input)) = (
        op.shape
            .traits
            .get(&rules_id("operationContextParams"))
            .and_then(Node::as_object),
        plan.shape(&op.info.input),
    ) {
        for (key, param) in entries {
            let Some(path) = param.get("path").and_then(Node::as_str) else {
                continue;
            };
            // Checked by the plan, which reports a path it cannot bind.
            if let Ok(push) = context_path(plan, input, &key.name, path) {
                pushes.push(push);
            }
        }
    }
    if pushes.is_empty() && statics.is_empty() {
        return None;
    }
    // The static parameters make the vector; the input's are pushed after.
    if pushes.is_empty() {
        return Some(quote! {{
            let params: ::std::vec::Vec<(::std::string::String, #value)> = ::std::vec![#(#statics),*];
            params
        }});
    }
    Some(quote! {{
        let mut params: ::std::vec::Vec<(::std::string::String, #value)> = ::std::vec![#(#statics),*];
        #(#pushes)*
        params
    }})
}

/// Reports each `operationContextParams` path that cannot be bound (the
/// parameter is then left unset for that operation).
pub fn check_context_params(plan: &CratePlan, diags: &mut crate::diag::Diagnostics) {
    if !has_rules(plan) {
        return;
    }
    for op in &plan.operations {
        let (Some(entries), Some(input)) = (
            op.shape
                .traits
                .get(&rules_id("operationContextParams"))
                .and_then(Node::as_object),
            plan.shape(&op.info.input),
        ) else {
            continue;
        };
        for (key, param) in entries {
            let path = param.get("path").and_then(Node::as_str).unwrap_or_default();
            if let Err(why) = context_path(plan, input, &key.name, path) {
                diags.warning(
                    "endpoint-param-skipped",
                    param.span,
                    format!(
                        "operation {}: endpoint parameter {} is not bound from its input ({why}); it stays unset",
                        op.shape.id, key.name
                    ),
                );
            }
        }
    }
}

/// The statements that set endpoint parameter `name` from the input by an
/// `operationContextParams` path: `a.b` (a string), `a[*].b` (a list of
/// strings) or `keys(a)` (a map's keys, as a list). Other JMESPath forms are
/// an `Err` naming the reason.
pub fn context_path(
    plan: &CratePlan,
    input: &crate::model::Shape,
    name: &str,
    path: &str,
) -> Result<TokenStream, String> {
    let value = quote!(::apigen_runtime::endpoint::Value);
    if let Some(inner) = path.strip_prefix("keys(").and_then(|p| p.strip_suffix(')')) {
        let (expr, target) = walk(plan, input, inner, quote!(input))?;
        let map = plan.shape(&target).filter(|s| s.kind == ShapeKind::Map);
        if map.is_none() {
            return Err(format!("keys() of {inner}, which is not a map"));
        }
        return Ok(quote! {
            if let ::std::option::Option::Some(map) = #expr {
                let mut keys: ::std::vec::Vec<::std::string::String> = map.keys().cloned().collect();
                keys.sort();
                params.push((#name.to_string(), #value::from(keys)));
            }
        });
    }
    if let Some((list_path, rest)) = path.split_once("[*].") {
        let (list_expr, list_target) = walk(plan, input, list_path, quote!(input))?;
        let item = plan
            .shape(&list_target)
            .filter(|s| s.kind == ShapeKind::List)
            .and_then(|s| s.member("member"))
            .and_then(|m| plan.shape(&m.target))
            .ok_or_else(|| format!("{list_path} is not a list of structures"))?;
        let (item_expr, target) = walk(plan, item, rest, quote!(item))?;
        string_target(plan, &target, path)?;
        return Ok(quote! {
            let mut values: ::std::vec::Vec<::std::string::String> = ::std::vec::Vec::new();
            for item in #list_expr.into_iter().flatten() {
                if let ::std::option::Option::Some(v) = #item_expr {
                    values.push(v.clone());
                }
            }
            params.push((#name.to_string(), #value::from(values)));
        });
    }
    let (expr, target) = walk(plan, input, path, quote!(input))?;
    string_target(plan, &target, path)?;
    Ok(quote! {
        if let ::std::option::Option::Some(v) = #expr {
            params.push((#name.to_string(), #value::from(v.clone())));
        }
    })
}

fn string_target(plan: &CratePlan, target: &ShapeId, path: &str) -> Result<(), String> {
    match plan.shape(target).map(|s| s.kind) {
        Some(ShapeKind::String) => Ok(()),
        _ => Err(format!("{path} does not end at a string")),
    }
}

/// An `Option<&T>` expression for the members along `path` (`a.b`) from
/// `root` (an expression of a reference to structure `owner`), and `T`'s shape.
fn walk(
    plan: &CratePlan,
    owner: &crate::model::Shape,
    path: &str,
    root: TokenStream,
) -> Result<(TokenStream, ShapeId), String> {
    let mut expr = quote!(::std::option::Option::Some(&#root));
    let mut shape = owner;
    let mut target = owner.id.clone();
    for name in path.split('.') {
        if !crate::model::is_identifier(name) {
            return Err(format!("`{name}` in {path} is not a member name"));
        }
        if shape.kind != ShapeKind::Structure {
            return Err(format!("{} is not a structure", shape.id));
        }
        let member = shape
            .member(name)
            .ok_or_else(|| format!("{} has no member {name}", shape.id))?;
        expr = super::rust_types::member_step(plan, expr, &shape.id, member);
        target = member.target.clone();
        match plan.shape(&target) {
            Some(next) => shape = next,
            None => return Err(format!("{target} is not in the model")),
        }
    }
    Ok((expr, target))
}

/// `endpoint_tests.rs`: one test per case of the model's endpoint tests.
pub fn tests_file(plan: &CratePlan) -> Option<(String, TokenStream)> {
    let rules = plan.service.traits.get(&rules_id("endpointRuleSet"))?;
    let cases = plan
        .service
        .traits
        .get(&rules_id("endpointTests"))?
        .get("testCases")?
        .as_array()?;
    let built_in = |param: &str| {
        rules
            .get("parameters")
            .and_then(|p| p.get(param))
            .and_then(|p| p.get("builtIn"))
            .and_then(Node::as_str)
            .map(str::to_string)
    };
    let mut tests = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let mut setters = Vec::new();
        for (key, value) in case.get("params").and_then(Node::as_object).unwrap_or(&[]) {
            let setter = match (built_in(&key.name).as_deref(), &value.value) {
                (Some("AWS::Region"), Value::String(s)) => quote!(.region(#s)),
                (Some("AWS::UseFIPS"), Value::Bool(b)) => quote!(.use_fips(#b)),
                (Some("AWS::UseDualStack"), Value::Bool(b)) => quote!(.use_dual_stack(#b)),
                (Some("SDK::Endpoint"), Value::String(s)) => quote!(.endpoint_url(#s)),
                (_, Value::String(s)) => {
                    let name = &key.name;
                    quote!(.endpoint_param(#name, #s))
                }
                (_, Value::Bool(b)) => {
                    let name = &key.name;
                    quote!(.endpoint_param(#name, #b))
                }
                (_, Value::Array(items)) => {
                    let name = &key.name;
                    let items: Vec<&str> = items.iter().filter_map(Node::as_str).collect();
                    quote!(.endpoint_param(#name, ::std::vec![#(#items),*]))
                }
                _ => continue,
            };
            setters.push(setter);
        }
        let expect = case.get("expect");
        let check = if let Some(url) = expect
            .and_then(|e| e.get("endpoint"))
            .and_then(|e| e.get("url"))
            .and_then(Node::as_str)
        {
            quote!(assert_eq!(handle.endpoint_url().map_err(|e| e.to_string()), Ok(#url));)
        } else if let Some(error) = expect.and_then(|e| e.get("error")).and_then(Node::as_str) {
            quote! {
                let error = handle.endpoint_url().expect_err("the case expects an error").to_string();
                assert!(error.contains(#error), "{error}");
            }
        } else {
            continue;
        };
        // The ISO partitions gained dual-stack in the partitions data after
        // these models were published; their dual-stack cases expect the
        // older data (the runtime's own test runs them against it).
        let iso_dual_stack = {
            let params = case.get("params");
            let dual = params
                .and_then(|p| p.get("UseDualStack"))
                .and_then(Node::as_bool)
                .unwrap_or(false);
            let iso = params
                .and_then(|p| p.get("Region"))
                .and_then(Node::as_str)
                .is_some_and(|r| {
                    ["us-iso-", "us-isob-", "eu-isoe-", "us-isof-"]
                        .iter()
                        .any(|prefix| r.starts_with(prefix))
                });
            dual && iso
        };
        let ignore = iso_dual_stack.then(|| {
            quote!(#[ignore = "expects the partitions data of the model's date, before the ISO partitions supported dual-stack; the runtime ships newer data"])
        });
        let name = format_ident!("endpoint_case_{}", i + 1);
        let doc = case
            .get("documentation")
            .and_then(Node::as_str)
            .unwrap_or("an endpoint test case");
        let doc = super::docs::doc_line(doc);
        tests.push(quote! {
            #doc
            #[test]
            #ignore
            fn #name() {
                let config = ::apigen_runtime::Config::builder() #(#setters)* .build();
                let handle = ::apigen_runtime::Handle::new(config, &crate::SERVICE);
                #check
            }
        });
    }
    if tests.is_empty() {
        return None;
    }
    Some((
        "endpoint_tests.rs".into(),
        quote! {
            //! The model's endpoint test cases (`smithy.rules#endpointTests`),
            //! resolved the way the client resolves its endpoint.
            #(#tests)*
        },
    ))
}
