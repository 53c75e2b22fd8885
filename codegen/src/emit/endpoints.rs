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
            pushes.push(quote!(params.push((#name.to_string(), #literal));));
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
    if pushes.is_empty() {
        return None;
    }
    Some(quote! {{
        let mut params: ::std::vec::Vec<(::std::string::String, #value)> = ::std::vec::Vec::new();
        #(#pushes)*
        params
    }})
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
